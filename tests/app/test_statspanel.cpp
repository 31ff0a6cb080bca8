#include "apptestenvironment.h"
#include "statspanel.h"
#include "syntheticrun.h"

#include <QLayout>

#include <gtest/gtest.h>

using namespace reqlanes;
using reqlanes::testing::syntheticRun;

TEST(StatsPanel, LongValuesWrapInsteadOfWideningTheWindow) {
    // Every request of a 9-request run timed out, and the server worked on for all of them: the
    // makespan and outcome values are long sentences. Before, the panel asked for 1,375 px and
    // the window grew past a 1600-pixel screen when the run ended.
    reqlanes::Run run = syntheticRun(9, 3, 300);
    for (RequestRecord &record : run.requests) {
        record.status = RequestStatus::Timeout;
        record.httpStatus = 0;
        record.error = QStringLiteral("timed out after 500 ms while waiting for the response");
        record.at[int(Phase::Done)] = record.at[int(Phase::ServerStart)] + 1'000'000;
        record.at[int(Phase::FirstByte)] = kUnset;
    }
    StatsPanel panel;
    const int before = panel.minimumSizeHint().width();
    panel.setRun(run);
    EXPECT_TRUE(panel.valueText(QStringLiteral("makespan")).contains(QStringLiteral("timed out")))
        << "the whole text is still there";
    EXPECT_TRUE(panel.valueText(QStringLiteral("outcome")).contains(QStringLiteral("abandoned")));
    EXPECT_LE(panel.minimumSizeHint().width(), std::max(before, 600))
        << "a run's numbers never make the panel wider";
    panel.resize(700, 200);
    panel.show();
    EXPECT_LE(panel.layout()->minimumSize().width(), 700);
}
