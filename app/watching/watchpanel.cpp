#include "watching/watchpanel.h"

#include "results/runstats.h"
#include "watch/watchcontroller.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextCursor>
#include <QVBoxLayout>

#include <set>

namespace reqlanes {

namespace {
constexpr int kDefaultIdleGapMs = 2000;
constexpr int kOutputLines = 2000; // a chatty script scrolls; memory stays bounded
} // namespace

WatchPanel::WatchPanel(watch::WatchController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_urlBar = new QWidget(this); // the window moves it to its toolbar
    auto *urlRow = new QHBoxLayout(m_urlBar);
    urlRow->setContentsMargins(8, 0, 8, 0);
    m_urlLabel = new QLabel(m_urlBar);
    m_urlLabel->setObjectName(QStringLiteral("watchUrl"));
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copy = new QPushButton(tr("Copy"), m_urlBar);
    m_copy->setToolTip(tr("Copy the server's URL, to point any program at it"));
    urlRow->addWidget(m_urlLabel, 1);
    urlRow->addWidget(m_copy);
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->setVisible(false);
    layout->addWidget(m_notice);

    m_watch = new QCheckBox(tr("Watch other programs (W)"), this);
    m_watch->setObjectName(QStringLiteral("watchToggle"));
    m_watch->setToolTip(tr("Draw every request that reaches the server from another program, "
                           "live. Sessions end after the idle gap."));
    layout->addWidget(m_watch);

    auto *form = new QFormLayout;
    m_idleGap = new QSpinBox(this);
    m_idleGap->setRange(100, 600000);
    m_idleGap->setSingleStep(500);
    m_idleGap->setSuffix(tr(" ms"));
    m_idleGap->setValue(kDefaultIdleGapMs);
    form->addRow(tr("Session ends after idle"), m_idleGap);
    layout->addLayout(form);
    m_end = new QPushButton(tr("End session now"), this);
    layout->addWidget(m_end);

    m_sessions = new QListWidget(this);
    m_sessions->setObjectName(QStringLiteral("watchSessions"));
    m_sessions->setMinimumHeight(90);
    m_sessions->setToolTip(tr("Finished sessions: click one to show it"));
    layout->addWidget(m_sessions);
    m_compare = new QPushButton(tr("Compare sessions"), this);
    m_compare->setObjectName(QStringLiteral("watchCompare"));
    m_compare->setToolTip(tr("Show the ticked sessions side by side on one time axis"));
    m_compare->setEnabled(false);
    layout->addWidget(m_compare);
    m_withStrategyRun = new QCheckBox(this);
    m_withStrategyRun->setObjectName(QStringLiteral("watchCompareWithRun"));
    m_withStrategyRun->setToolTip(
        tr("Show the last strategy run first, next to the ticked sessions: a traced script "
           "beside the built-in strategy that does the same"));
    m_withStrategyRun->setVisible(false);
    layout->addWidget(m_withStrategyRun);

    m_programState = new QLabel(this);
    m_programState->setObjectName(QStringLiteral("programState"));
    m_programState->setWordWrap(true);
    layout->addWidget(m_programState);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("programOutput"));
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(kOutputLines);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setMinimumHeight(70);
    m_output->setToolTip(tr("What the script prints"));
    layout->addWidget(m_output);
    m_stopProgram = new QPushButton(tr("Stop the script"), this);
    m_stopProgram->setObjectName(QStringLiteral("stopProgram"));
    layout->addWidget(m_stopProgram);
    for (QWidget *widget :
         {static_cast<QWidget *>(m_programState), static_cast<QWidget *>(m_output),
          static_cast<QWidget *>(m_stopProgram)})
        widget->setVisible(false);

    connect(m_stopProgram, &QPushButton::clicked, m_controller,
            &watch::WatchController::stopProgram);
    connect(m_controller, &watch::WatchController::programStarted, this,
            &WatchPanel::programStarted);
    connect(m_controller, &watch::WatchController::programOutput, this, &WatchPanel::appendOutput);
    connect(m_controller, &watch::WatchController::programFinished, this,
            &WatchPanel::programFinished);
    connect(m_copy, &QPushButton::clicked, this, &WatchPanel::copyUrl);
    connect(m_watch, &QCheckBox::toggled, m_controller, &watch::WatchController::setWatching);
    connect(m_controller, &watch::WatchController::watchingChanged, m_watch,
            &QCheckBox::setChecked);
    connect(m_idleGap, qOverload<int>(&QSpinBox::valueChanged), m_controller,
            &watch::WatchController::setIdleGapMs);
    connect(m_end, &QPushButton::clicked, m_controller, &watch::WatchController::endSession);
    connect(m_controller, &watch::WatchController::sessionFinished, this, &WatchPanel::addSession);
    connect(m_sessions, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && std::size_t(row) < m_controller->sessions().size())
            emit sessionChosen(m_controller->sessions()[std::size_t(row)]);
    });
    // Something to compare: a ticked session (the strategy run is only ever beside one).
    connect(m_sessions, &QListWidget::itemChanged, this, [this] {
        bool any = false;
        for (int row = 0; row < m_sessions->count(); ++row)
            any = any || m_sessions->item(row)->checkState() == Qt::Checked;
        m_compare->setEnabled(any);
    });
    connect(m_compare, &QPushButton::clicked, this,
            [this] { emit sessionsCompared(tickedSessions()); });
    m_controller->setIdleGapMs(kDefaultIdleGapMs);
}

void WatchPanel::setStrategyRun(const Run &run) {
    m_strategyRun = run;
    // Two lines: a check box does not wrap, and "async-semaphore, N=100000" on one line widened
    // the side panel past its width.
    m_withStrategyRun->setText(
        tr("Next to the last run:\n%1, N=%2").arg(run.scenario.strategy).arg(run.requests.size()));
    m_withStrategyRun->setVisible(true);
}

std::vector<Run> WatchPanel::tickedSessions() const {
    std::vector<Run> runs;
    if (m_withStrategyRun->isChecked() && !m_strategyRun.requests.empty())
        runs.push_back(m_strategyRun);
    const std::vector<Run> &sessions = m_controller->sessions();
    for (int row = 0; row < m_sessions->count() && std::size_t(row) < sessions.size(); ++row)
        if (m_sessions->item(row)->checkState() == Qt::Checked)
            runs.push_back(sessions[std::size_t(row)]);
    return runs;
}

void WatchPanel::setServerState(const QString &url, const QString &problem, const QString &notice) {
    m_url = url;
    m_urlLabel->setText(url.isEmpty() ? tr("Server not running: %1").arg(problem)
                                      : tr("Server: %1").arg(url));
    m_copy->setEnabled(!url.isEmpty());
    m_watch->setEnabled(!url.isEmpty());
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

void WatchPanel::toggleWatching() {
    if (m_watch->isEnabled())
        m_watch->toggle();
}

void WatchPanel::copyUrl() {
    QGuiApplication::clipboard()->setText(m_url);
}

void WatchPanel::programStarted(const QString &displayText) {
    m_output->clear();
    m_programState->setText(tr("Running: %1").arg(displayText));
    m_programState->setToolTip(displayText);
    for (QWidget *widget :
         {static_cast<QWidget *>(m_programState), static_cast<QWidget *>(m_output),
          static_cast<QWidget *>(m_stopProgram)})
        widget->setVisible(true);
    m_stopProgram->setEnabled(true);
}

void WatchPanel::appendOutput(const QByteArray &bytes, bool) {
    // insertPlainText keeps partial lines whole; the view follows the end.
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(QString::fromUtf8(bytes));
    m_output->moveCursor(QTextCursor::End);
}

void WatchPanel::programFinished(int, const QString &description) {
    m_programState->setText(tr("The script %1").arg(description));
    m_stopProgram->setEnabled(false);
}

void WatchPanel::addSession(const Run &run) {
    std::set<std::int32_t> processes;
    for (const ClientConnection &connection : run.connections)
        processes.insert(connection.processId);
    QString text = tr("%1: %n request(s), %2 s", nullptr, int(run.requests.size()))
                       .arg(run.strategyName)
                       .arg(computeStats(run).makespanS, 0, 'f', 2);
    text += tr(", %n connection(s)", nullptr, int(run.connections.size()));
    if (run.droppedRequests > 0)
        text += tr(", dropped %1 over the cap").arg(run.droppedRequests);
    // Ticked ones can be compared side by side; a click still shows one.
    auto *item = new QListWidgetItem(text);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Unchecked);
    m_sessions->addItem(item);
}

} // namespace reqlanes
