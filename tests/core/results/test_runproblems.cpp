// Failure reasons shared by the CLI's report and the app's problem line.
#include "results/runproblems.h"

#include <gtest/gtest.h>

using namespace reqlanes;

namespace {

RequestRecord request(RequestStatus status, const QString &error = {}, int httpStatus = 0) {
    RequestRecord record;
    record.status = status;
    record.error = error;
    record.httpStatus = httpStatus;
    return record;
}

// 10 requests: 3 ok, 2 refused, 2 timed out, one HTTP 503, one cancelled, one never finished.
reqlanes::Run mixedRun() {
    reqlanes::Run run;
    for (int i = 0; i < 3; ++i)
        run.requests.push_back(request(RequestStatus::Ok));
    for (int i = 0; i < 2; ++i)
        run.requests.push_back(
            request(RequestStatus::Refused, QStringLiteral("connection refused")));
    for (int i = 0; i < 2; ++i)
        run.requests.push_back(request(RequestStatus::Timeout));
    run.requests.push_back(request(RequestStatus::HttpError, {}, 503));
    run.requests.push_back(request(RequestStatus::Cancelled));
    run.requests.push_back(request(RequestStatus::Pending));
    return run;
}

} // namespace

TEST(RunProblems, ReasonsInPlainWords) {
    EXPECT_EQ(failureReason(request(RequestStatus::Refused, QStringLiteral("connection refused"))),
              QStringLiteral("connection refused"));
    EXPECT_EQ(failureReason(request(RequestStatus::HttpError, {}, 503)),
              QStringLiteral("HTTP 503"));
    EXPECT_EQ(failureReason(request(RequestStatus::Timeout)), QStringLiteral("timeout"));
    EXPECT_EQ(failureReason(request(RequestStatus::ProtocolError)),
              QStringLiteral("protocol error"));
    EXPECT_EQ(failureReason(request(RequestStatus::Pending)), QStringLiteral("never finished"));
}

TEST(RunProblems, CountsMostFrequentFirstThenAlphabetical) {
    const std::vector<FailureCount> failed = countFailures(mixedRun(), FailureScope::FailedOnly);
    const std::vector<FailureCount> expected{{QStringLiteral("connection refused"), 2},
                                             {QStringLiteral("timeout"), 2},
                                             {QStringLiteral("HTTP 503"), 1}};
    EXPECT_EQ(failed, expected);
    EXPECT_EQ(countFailures(mixedRun(), FailureScope::AllNotOk).size(), 5u)
        << "plus cancelled and never finished";
}

TEST(RunProblems, CliLinesCountEveryRequestThatDidNotSucceed) {
    EXPECT_EQ(
        failureLines(mixedRun()),
        QStringList({QStringLiteral("2 requests: connection refused"),
                     QStringLiteral("2 requests: timeout"), QStringLiteral("1 request: HTTP 503"),
                     QStringLiteral("1 request: cancelled"),
                     QStringLiteral("1 request: never finished")}));
}

TEST(RunProblems, AppSentenceNamesTheMainReasonAndCountsTheOthers) {
    EXPECT_EQ(runProblem(mixedRun()),
              QStringLiteral("5 of 10 requests failed: connection refused (and 2 other reasons)"));
    reqlanes::Run failed = mixedRun();
    failed.error = QStringLiteral("worker binary not found");
    EXPECT_EQ(runProblem(failed), QStringLiteral("worker binary not found"));
}

TEST(RunProblems, NothingToSayWhenEveryRequestSucceeded) {
    reqlanes::Run run;
    run.requests.push_back(request(RequestStatus::Ok));
    run.requests.push_back(request(RequestStatus::Cancelled)); // drawn as such; not a failure
    EXPECT_TRUE(runProblem(run).isEmpty());
    EXPECT_TRUE(countFailures(run, FailureScope::FailedOnly).empty());
    EXPECT_EQ(failureLines(run), QStringList{QStringLiteral("1 request: cancelled")});
}
