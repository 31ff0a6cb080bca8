#include "mainwindow.h"

#include "appsettings.h"
#include "compare/compareplot.h"
#include "compare/compareview.h"
#include "controls/controlspanel.h"
#include "controls/strategylist.h"
#include "export/exportdialog.h"
#include "export/slideexporter.h"
#include "formats/runfile.h"
#include "i18n/languagemenu.h"
#include "i18n/runtext.h"
#include "keysdialog.h"
#include "model/watchsession.h"
#include "presenter/codepane.h"
#include "presenter/presentermode.h"
#include "results/lanegroupings.h"
#include "results/runoutcome.h"
#include "results/runproblems.h"
#include "results/runstats.h"
#include "run/filelimit.h"
#include "run/strategyregistry.h"
#include "runfileloader.h"
#include "style/theme.h"
#include "timeline/findingscaption.h"
#include "timeline/replaycontroller.h"
#include "timeline/statspanel.h"
#include "timeline/timelineplot.h"
#include "watch/watchcontroller.h"
#include "watching/scriptdialog.h"
#include "watching/watchpanel.h"
#include "windowgeometry.h"

#include <reqlanesversion.h>

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace reqlanes {

namespace {

constexpr int kLiveRerunDelayMs = 250;
// Room for the side panel (every strategy in view), a nine-lane timeline and the stats; less
// when the screen is smaller.
constexpr QSize kPreferredSize(1400, 960);
// At most this share of a presenting window goes to the code; the lanes keep the rest.
constexpr double kMostCodeShare = 0.5;
constexpr int kSmallestCodePoints = 8;

// The window's colours on dark slides, so no surface (stats, tabs, notes) stays white.
QPalette darkPalette(const Theme &theme) {
    QPalette palette;
    for (const auto role : {QPalette::Window, QPalette::Base, QPalette::Button,
                            QPalette::AlternateBase, QPalette::ToolTipBase})
        palette.setColor(role, theme.background);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText,
                            QPalette::BrightText, QPalette::ToolTipText})
        palette.setColor(role, theme.text);
    palette.setColor(QPalette::PlaceholderText, theme.mutedText);
    palette.setColor(QPalette::Mid, theme.grid);
    palette.setColor(QPalette::Dark, theme.grid);
    palette.setColor(QPalette::Light, theme.grid.lighter(150));
    return palette;
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent) {
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title), box);
    layout->addWidget(label);
    layout->addWidget(content);
    return box;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("reqlanes"));
    setWindowIcon(QIcon(QStringLiteral(":/reqlanes/reqlanes.svg")));
    buildWidgets();
    buildActions();
    buildMenus();
    connectSession();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildWidgets() {
    m_strategies = new StrategyList(this);
    m_controls = new ControlsPanel(this);
    m_stats = new StatsPanel(this);
    m_plot = new TimelinePlot(this);
    m_plot->setObjectName(QStringLiteral("timeline"));
    m_compare = new CompareView(this);
    m_replay = new ReplayController(this);
    m_watch = new watch::WatchController(this);
    m_watchPanel = new WatchPanel(m_watch, this);
    m_loader = new RunFileLoader(this);
    connect(m_loader, &RunFileLoader::loaded, this,
            [this](const QString &path, const Run &run) { showOpened(run, path); });
    connect(m_loader, &RunFileLoader::failed, this,
            [this](const QString &, const QString &error) { reportOpenError(error); });
    setAcceptDrops(true);

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(
        titled(tr("Strategy (click to run, keys %1)").arg(StrategyRegistry::instance().keyRange()),
               m_strategies, side));
    sideLayout->addWidget(titled(tr("Settings"), m_controls, side));
    sideLayout->addWidget(titled(tr("Watch"), m_watchPanel, side));
    sideLayout->addStretch(1);
    auto *sideScroll = new QScrollArea(this);
    m_side = sideScroll;
    sideScroll->setWidget(side);
    sideScroll->setWidgetResizable(true);
    sideScroll->setMinimumWidth(340);

    auto *timelinePage = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timelinePage);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    m_codePane = new CodePane(this);
    m_caption = new FindingsCaption(this);
    auto *plotAndCaption = new QWidget(this);
    auto *plotLayout = new QVBoxLayout(plotAndCaption);
    plotLayout->setContentsMargins(0, 0, 0, 0);
    plotLayout->setSpacing(0);
    plotLayout->addWidget(m_plot, 1);
    plotLayout->addWidget(m_caption);
    m_plotAndCode = new QSplitter(this);
    m_plotAndCode->addWidget(plotAndCaption);
    m_plotAndCode->addWidget(m_codePane);
    m_plotAndCode->setStretchFactor(0, 3);
    m_plotAndCode->setStretchFactor(1, 2);
    m_codePane->hide();
    timelineLayout->addWidget(m_plotAndCode, 1);
    timelineLayout->addWidget(m_stats);
    timelineLayout->addWidget(m_replay);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(timelinePage, tr("Timeline"));
    m_tabs->addTab(m_compare, tr("Compare"));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(sideScroll);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    m_grouping = new QComboBox(this);
    m_grouping->setObjectName(QStringLiteral("grouping"));
    m_grouping->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    offerGroupingsFor(Run{});

    m_progress = new QProgressBar(this);
    m_progress->setFormat(tr("%v / %m done"));
    // Wide enough for the largest N's text, so "1000 / 1000 done" never wraps or elides.
    const QString widest = tr("%1 / %1 done").arg(ControlsPanel::kMaxRequests);
    m_progress->setFixedWidth(m_progress->fontMetrics().horizontalAdvance(widest) + 60);
    m_status = new QLabel(this);
    // A long status ("Running threads: all 9 requests ended; the server still works on…") is cut
    // at the window's edge, whole in its tooltip, instead of widening the window past the screen.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
}

void MainWindow::buildActions() {
    m_runAction = new QAction(tr("Run"), this);
    m_runAction->setShortcut(Qt::Key_Space);
    m_runAction->setToolTip(tr("Run the selected strategy, or stop the run (Space)"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::toggleRun);
    setKeyGroup(m_runAction, KeyGroup::Runs);
    m_stopAction = new QAction(tr("Stop"), this);
    m_stopAction->setToolTip(tr("Stop the run or the comparison in progress (Space)"));
    m_stopAction->setEnabled(false);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopRun);
    m_compareAction = new QAction(tr("Compare"), this);
    m_compareAction->setShortcut(Qt::Key_C);
    m_compareAction->setToolTip(tr("Run the chosen strategies with these settings (C)"));
    connect(m_compareAction, &QAction::triggered, this, &MainWindow::compareAll);
    setKeyGroup(m_compareAction, KeyGroup::Runs);
    m_slidesAction = new QAction(tr("Slides theme"), this);
    m_slidesAction->setCheckable(true);
    connect(m_slidesAction, &QAction::toggled, this, &MainWindow::setSlidesTheme);
    m_codeAction = new QAction(tr("Code pane"), this);
    m_codeAction->setCheckable(true);
    m_codeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_codeAction, &QAction::toggled, this, &MainWindow::setCodePaneVisible);
    setKeyGroup(m_codeAction, KeyGroup::View);
    m_captionAction = new QAction(tr("Caption (what the run shows)"), this);
    m_captionAction->setCheckable(true);
    m_captionAction->setChecked(true);
    m_captionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_captionAction, &QAction::toggled, this, &MainWindow::setCaptionVisible);
    setKeyGroup(m_captionAction, KeyGroup::View);
    auto *nextGrouping = new QAction(tr("Next lane grouping"), this);
    nextGrouping->setShortcut(Qt::Key_L);
    connect(nextGrouping, &QAction::triggered, this, &MainWindow::cycleGrouping);
    setKeyGroup(nextGrouping, KeyGroup::View);
    addAction(nextGrouping);
    m_presenter = new PresenterMode(this, &m_session, m_replay,
                                    [this]() -> const Run & { return m_lastRun; });
    connect(m_presenter, &PresenterMode::activeChanged, this, &MainWindow::applyPresenterLayout);
    connect(m_presenter, &PresenterMode::darkChanged, this, &MainWindow::applyPresenterStyle);
    // Another strategy's code, or wider badges, needs another fit: no line may be cut.
    connect(m_codePane, &CodePane::codeChanged, this, [this] {
        if (m_presenter->isActive())
            fitCodePane();
    });
    connect(m_presenter, &PresenterMode::heldChanged, this, [this] {
        if (m_session.isRunning())
            showSnapshot(m_session.latest());
    });
    addAction(m_runAction); // Space also works while presenter mode hides the toolbar
    addAction(m_compareAction);

    auto *toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName(QStringLiteral("runToolbar"));
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_compareAction);
    toolbar->addSeparator();
    toolbar->addWidget(m_grouping);
    toolbar->addAction(tr("Whole run"), m_plot, &TimelinePlot::showWholeRun);
    toolbar->addAction(m_slidesAction);
    toolbar->addSeparator();
    toolbar->addWidget(m_watchPanel->urlBar());

    // Number keys pick and run a strategy, in the registry's order.
    for (int i = 0; i < StrategyRegistry::instance().keyCount(); ++i) {
        auto *pick = new QAction(tr("Run strategy %1 of the list").arg(i + 1), this);
        pick->setShortcut(QKeySequence(Qt::Key_1 + i));
        connect(pick, &QAction::triggered, this, [this, i] { m_strategies->activate(i); });
        setKeyGroup(pick, KeyGroup::Runs);
        addAction(pick);
    }
    auto *watchKey =
        new QAction(tr("Watch: start or stop recording other programs' requests"), this);
    watchKey->setShortcut(Qt::Key_W);
    setKeyGroup(watchKey, KeyGroup::Runs);
    connect(watchKey, &QAction::triggered, m_watchPanel, &WatchPanel::toggleWatching);
    addAction(watchKey);
    connect(m_grouping, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { setGrouping(LaneGrouping(m_grouping->currentData().toInt())); });
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open run…"), QKeySequence::Open, this, &MainWindow::openRunDialog);
    file->addAction(tr("&Save run…"), QKeySequence::Save, this, &MainWindow::saveRunDialog);
    file->addSeparator();
    file->addAction(tr("Export &image (PNG, SVG, PDF)…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    &MainWindow::exportImageDialog);
    file->addAction(tr("&Copy image"), QKeySequence::Copy, this, &MainWindow::copyImage);
    // One entry per writable format but the run file itself (that is Save run).
    for (const FileFormat &format : fileFormats())
        if (format.write && &format != &runFileFormat())
            file->addAction(tr("Export %1…").arg(formatTitleText(format)), this,
                            [this, &format] { exportFormatDialog(format); });
    file->addAction(tr("Show &source…"), this, &MainWindow::showSourceDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    for (QAction *action : file->actions())
        setKeyGroup(action, KeyGroup::Files);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runAction);
    run->addAction(m_stopAction);
    run->addAction(m_compareAction);
    run->addSeparator();
    QAction *script = run->addAction(tr("Run a &script…"), this, &MainWindow::runScriptDialog);
    script->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    script->setToolTip(tr("Run one of the example scripts, or your own, against the watch "
                          "server and draw it (Ctrl+R)"));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_slidesAction);
    view->addAction(tr("Show the &whole run"), m_plot, &TimelinePlot::showWholeRun);
    auto *language = new LanguageMenu(this);
    view->addMenu(language);
    connect(language, &LanguageMenu::notice, this,
            [this](const QString &text) { showStatus(text); });
    view->addSeparator();
    view->addAction(m_codeAction);
    view->addAction(m_captionAction);
    view->addAction(tr("Custom caption…"), this, &MainWindow::customCaptionDialog);
    view->addSeparator();
    view->addAction(m_presenter->toggleAction());
    view->addAction(m_presenter->darkAction());
    QMenu *steps = view->addMenu(tr("Step through (presenter mode)"));
    steps->addActions(m_presenter->stepActions());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keys…"), this, [this] { KeysDialog(this).exec(); });
    keys->setShortcut(QKeySequence::HelpContents);
    setKeyGroup(keys, KeyGroup::View);
    help->addAction(tr("&About reqlanes"), this, &MainWindow::showAbout);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About reqlanes"),
        tr("<p><b>reqlanes %1</b></p><p>HTTP client concurrency strategies drawn as lanes over "
           "time, against a slow server.</p><p>Built with Qt %2.</p>")
            .arg(QStringLiteral(REQLANES_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::connectSession() {
    connect(m_strategies, &StrategyList::strategyActivated, this, &MainWindow::runStrategy);
    connect(&m_session, &RunSession::snapshot, this, &MainWindow::showSnapshot);
    connect(&m_session, &RunSession::finished, this, &MainWindow::showFinished);
    connect(m_replay, &ReplayController::frame, m_plot, &TimelinePlot::showReplayFrame);
    connect(m_replay, &ReplayController::frame, this,
            [this](const Run &run) { showTeaching(run); });
    connect(m_compare, &CompareView::statusChanged, this,
            [this](const QString &text) { showStatus(text); });
    m_rerunDelay.setSingleShot(true);
    m_rerunDelay.setInterval(kLiveRerunDelayMs);
    connect(&m_rerunDelay, &QTimer::timeout, this,
            [this] { runStrategy(m_strategies->currentStrategy()); });
    connect(m_controls, &ControlsPanel::scenarioChanged, this, &MainWindow::scheduleLiveRerun);
    // The window's server takes the same settings, live.
    connect(m_controls, &ControlsPanel::scenarioChanged, this, [this] {
        QString error;
        if (!m_watch->applySettings(m_controls->scenario().server, &error))
            showStatus(error, true);
    });
    connect(m_watch, &watch::WatchController::liveSession, this, &MainWindow::showWatchSnapshot);
    connect(m_watch, &watch::WatchController::watchingChanged, this,
            &MainWindow::showWatchingPlaceholder);
    connect(m_compare, &CompareView::statusChanged, this,
            [this] { m_stopAction->setEnabled(m_session.isRunning() || m_compare->isRunning()); });
    connect(m_watch, &watch::WatchController::sessionFinished, this, [this](const Run &run) {
        if (!m_session.isRunning() && !m_compare->isRunning())
            showFinished(run);
    });
    // A script started from Run → Run a script…: its output in view while it runs; how it ended
    // in the status bar, and in the plot when it failed before any request (a missing module).
    connect(m_watch, &watch::WatchController::programStarted, this, [this] {
        if (auto *scroll = qobject_cast<QScrollArea *>(m_side))
            QTimer::singleShot(0, scroll, [this, scroll] {
                scroll->ensureWidgetVisible(m_watchPanel->programOutput());
            });
    });
    connect(m_watch, &watch::WatchController::programFinished, this,
            [this](int exitCode, const QString &description) {
                showStatus(tr("The script %1").arg(description));
                if (exitCode == 0 || m_session.isRunning() || m_compare->isRunning())
                    return;
                const QStringList lines = m_watchPanel->programOutput()->toPlainText().split(
                    QLatin1Char('\n'), Qt::SkipEmptyParts);
                const QString last = lines.isEmpty() ? QString() : lines.back().trimmed();
                m_plot->clearRun(last.isEmpty() ? tr("The script %1").arg(description)
                                                : tr("The script %1: %2").arg(description, last));
            });
    connect(m_watchPanel, &WatchPanel::sessionChosen, this, &MainWindow::showFinished);
    connect(m_watchPanel, &WatchPanel::sessionsCompared, this,
            [this](const std::vector<Run> &runs) {
                m_tabs->setCurrentWidget(m_compare);
                m_compare->showRuns(runs);
            });
}

Scenario MainWindow::currentScenario() const {
    Scenario scenario = m_controls->scenario();
    scenario.strategy = m_strategies->currentStrategy();
    return scenario;
}

bool MainWindow::runStrategy(const QString &id) {
    m_strategies->setCurrentStrategy(id);
    m_compare->cancel();
    m_replay->clear();
    m_tabs->setCurrentIndex(0);
    const Scenario scenario = currentScenario();
    // The window's own server when it is up: the run and other programs' traffic on one clock.
    m_session.setSharedServer(m_watch->serverRunning() ? m_watch->sharedServer() : nullptr);
    QString error;
    if (!fitsOpenFileLimit(scenario, &error) || !m_session.start(scenario, &error)) {
        showStatus(tr("Cannot run %1: %2").arg(id, error), true);
        m_plot->clearRun(tr("Cannot run %1: %2").arg(id, error));
        return false;
    }
    m_hasRun = true;
    m_runAction->setText(tr("Stop"));
    m_stopAction->setEnabled(true);
    m_progress->setRange(0, scenario.n);
    m_progress->setValue(0);
    showSnapshot(m_session.latest());
    return true;
}

bool MainWindow::fitsOpenFileLimit(const Scenario &scenario, QString *error) const {
    const StrategyInfo *info = StrategyRegistry::instance().find(scenario.strategy);
    if (!info)
        return true; // the session says why
    const OpenFileBudget budget = openFileBudget(scenario, *info, hardOpenFileLimit());
    if (budget.fits())
        return true;
    *error = tr("N=%1 needs about %2 open files at once (a client and a server socket per request "
                "in flight), but this system allows %3 (the hard limit, ulimit -Hn). Lower N, "
                "choose a strategy with a limit below %4, or raise the hard limit.")
                 .arg(scenario.n)
                 .arg(budget.needed)
                 .arg(budget.hardLimit)
                 .arg(budget.hardLimit / 2);
    return false;
}

void MainWindow::runScriptDialog() {
    ScriptDialog dialog(watch::examplesFolderForThisProgram(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    startScript(dialog.command());
}

bool MainWindow::startScript(const QStringList &command) {
    QString error;
    if (!m_watch->startProgram(command, &error)) {
        QMessageBox::warning(this, tr("Run a script"),
                             tr("Could not start the script: %1").arg(error));
        return false;
    }
    showStatus(tr("Running the script; its session ends when it exits"));
    return true;
}

void MainWindow::toggleRun() {
    // A stopped run that only waits for the server's abandoned work is over for the user: Run
    // (Space) starts again at once, as a presenter expects after Stop.
    if ((m_session.isRunning() && !m_session.isStopping()) || m_compare->isRunning())
        stopRun();
    else
        runStrategy(m_strategies->currentStrategy());
}

void MainWindow::stopRun() {
    // Once stopped, a run that waits for the server's abandoned work ends that wait on a second
    // stop (Runner::cancel).
    const bool leaving = m_session.isStopping();
    m_session.cancel();
    m_compare->cancel();
    m_runAction->setText(tr("Run"));
    if (!leaving)
        showStatus(tr("Stopping…"));
}

void MainWindow::compareAll() {
    m_session.cancel();
    m_tabs->setCurrentWidget(m_compare);
    m_compare->start(m_controls->scenario(), m_plot->grouping());
    m_stopAction->setEnabled(m_compare->isRunning());
}

void MainWindow::setGrouping(LaneGrouping grouping) {
    m_wantedGrouping = grouping;
    applyGrouping(grouping);
}

void MainWindow::applyGrouping(LaneGrouping grouping) {
    const int index = m_grouping->findData(int(grouping));
    if (index < 0)
        return; // not a grouping of the kind of run shown
    m_grouping->setCurrentIndex(index);
    m_analyzer.setGrouping(grouping);
    m_plot->setGrouping(grouping);
    m_compare->setGrouping(grouping);
}

void MainWindow::cycleGrouping() {
    if (m_grouping->count() > 0)
        m_grouping->setCurrentIndex((m_grouping->currentIndex() + 1) % m_grouping->count());
}

void MainWindow::offerGroupingsFor(const Run &run) {
    const RunKind kind = runKindOf(run);
    if (m_offeredKind == kind)
        return;
    m_offeredKind = kind;
    const int shown = m_grouping->currentIndex() >= 0 ? m_grouping->currentData().toInt()
                                                      : int(LaneGrouping::Request);
    const int wanted = int(m_wantedGrouping);
    {
        const QSignalBlocker blocker(m_grouping);
        m_grouping->clear();
        // One entry per row of the grouping table that applies; the data is its LaneGrouping.
        for (const LaneGrouping grouping : laneGroupingsFor(kind))
            m_grouping->addItem(
                tr("Lanes: %1")
                    .arg(QCoreApplication::translate(
                        "LaneGrouping", qPrintable(laneGroupingInfo(grouping)->label))),
                int(grouping));
        const int wantedIndex = m_grouping->findData(wanted);
        m_grouping->setCurrentIndex(wantedIndex >= 0 ? wantedIndex
                                                     : std::max(0, m_grouping->findData(shown)));
    }
    // A watch-only grouping left behind: the run is drawn by request instead (and by the wanted
    // grouping again once a run has it).
    if (m_plot && m_grouping->currentData().toInt() != shown)
        applyGrouping(LaneGrouping(m_grouping->currentData().toInt()));
}

void MainWindow::showWatchingPlaceholder(bool watching) {
    if (m_session.isRunning() || m_compare->isRunning() || !m_plot->run().requests.empty())
        return;
    m_plot->clearRun(watching ? tr("Watching %1 — run your client").arg(m_watch->url())
                              : tr("No run yet: pick a strategy (keys %1) or press Space.")
                                    .arg(StrategyRegistry::instance().keyRange()));
}

void MainWindow::setSlidesTheme(bool slides) {
    m_slidesAction->setChecked(slides);
    const Theme theme = slides ? Theme::slides() : Theme::screen();
    m_plot->setTheme(theme);
    m_compare->plot()->setTheme(theme);
}

void MainWindow::showAnalysis(const Run &run, const RunChanges *changes) {
    offerGroupingsFor(run);
    fanOut(m_analyzer.analyze(run, changes));
}

void MainWindow::showAnalysis(Run &&run) {
    offerGroupingsFor(run);
    fanOut(m_analyzer.analyze(std::move(run)));
}

void MainWindow::fanOut(const std::shared_ptr<const RunAnalysis> &analysis) {
    m_plot->showAnalysis(analysis);
    m_stats->setRun(analysis->run, analysis->stats);
}

void MainWindow::showSnapshot(const Run &live, const RunChanges &changes) {
    // Presenter mode can hold a live run at a moment while it goes on behind.
    if (m_presenter->heldAt() == kUnset)
        showAnalysis(live, &changes);
    else
        showAnalysis(truncateRun(live, m_presenter->heldAt()));
    const Run &run = m_analyzer.current()->run;
    const RunStats &stats = m_analyzer.current()->stats;
    showTeaching(run, m_presenter->heldAt() == kUnset);
    const int ended = stats.finished();
    showProgress(run, ended);
    // Every request ended, yet the run goes on: it waits for work the server still does for
    // requests nobody waits for any more. Say so, or "9 of 9 done" looks stuck.
    const int held = stats.heldAfterTheirEnd;
    if (held > 0 && run.cancelled && ended == run.scenario.n)
        showStatus(tr("Stopped %1: the server still works on %2 of its requests (abandoned "
                      "work), %3; drawn until they end. Space runs again, Run → Stop leaves now.")
                       .arg(run.scenario.strategy)
                       .arg(held)
                       .arg(formatSeconds(nanosToSeconds(run.elapsed))));
    else if (held > 0 && ended == run.scenario.n)
        showStatus(tr("Running %1: all %2 requests ended; the server still works on %3 of them "
                      "(abandoned work), %4")
                       .arg(run.scenario.strategy)
                       .arg(run.scenario.n)
                       .arg(held)
                       .arg(formatSeconds(nanosToSeconds(run.elapsed))));
    else
        showStatus(tr("Running %1: %2 of %3 done, %4")
                       .arg(run.scenario.strategy)
                       .arg(ended)
                       .arg(run.scenario.n)
                       .arg(formatSeconds(nanosToSeconds(run.elapsed))));
}

void MainWindow::showFinished(const Run &run) {
    m_lastRun = run;
    showAnalysis(run);
    m_replay->setRun(run);
    showTeaching(m_analyzer.current()->run);
    if (const Nanos held = m_presenter->heldAt(); held != kUnset) {
        m_presenter->release();
        m_replay->seek(held); // stepping goes on in the replay of the finished run
    }
    // Cancelled requests did not get done: a stopped run shows how far it got.
    const RunOutcome outcome = runOutcome(run);
    showProgress(run, outcome.ended);
    m_runAction->setText(tr("Run"));
    m_stopAction->setEnabled(m_compare->isRunning());
    if (const QString problem = runProblem(run); !problem.isEmpty())
        showStatus(tr("%1: %2").arg(run.scenario.strategy, problem), true);
    else if (run.cancelled)
        showStatus(tr("%1: %2.").arg(run.scenario.strategy, outcome.words));
    else
        showStatus(tr("%1 finished: %2")
                       .arg(run.scenario.strategy, runCaption(run, m_analyzer.current()->stats)));
    // A strategy run of ours, whole: what a traced script may be compared beside.
    if (runKindOf(run) == RunKind::StrategyRun && !run.cancelled && run.error.isEmpty())
        m_watchPanel->setStrategyRun(run);
    emit runFinished(run);
}

void MainWindow::showTeaching(const Run &run, bool liveTick) {
    // Not hidden by the user, even if out of sight now (another tab in front): it must say what
    // the timeline shows when it comes back into view.
    if (!m_codePane->isHidden())
        m_codePane->showRun(run);
    if (m_caption->isHidden())
        return;
    // The analysis explained this run already (a big live run's findings at most 4 times a
    // second); a replay frame is explained here.
    if (const auto &analysis = m_analyzer.current(); &analysis->run == &run)
        m_caption->showFindings(analysis->findings);
    else
        m_caption->showRun(run, liveTick);
}

void MainWindow::setCodePaneVisible(bool visible) {
    m_codeAction->setChecked(visible);
    m_codePane->setVisible(visible);
    if (visible)
        m_codePane->showRun(m_replay->isEnabled() ? truncateRun(m_lastRun, m_replay->position())
                                                  : m_plot->run());
}

void MainWindow::setCaptionVisible(bool visible) {
    m_captionAction->setChecked(visible);
    m_caption->setVisible(visible);
    if (visible)
        m_caption->showRun(m_plot->run());
}

void MainWindow::applyPresenterLayout(bool active) {
    menuBar()->setVisible(!active);
    statusBar()->setVisible(!active);
    for (QToolBar *toolbar : findChildren<QToolBar *>())
        toolbar->setVisible(!active);
    m_side->setVisible(!active);
    m_replay->setVisible(!active);
    m_tabs->tabBar()->setVisible(!active);
    if (active) {
        m_codeBeforePresenting = m_codeAction->isChecked();
        m_captionBeforePresenting = m_captionAction->isChecked();
        m_tabs->setCurrentIndex(0);
        setCodePaneVisible(true);
        setCaptionVisible(true);
    } else {
        setCodePaneVisible(m_codeBeforePresenting);
        setCaptionVisible(m_captionBeforePresenting);
    }
    applyPresenterStyle();
}

Theme MainWindow::presenterTheme() const {
    const QScreen *shownOn = screen();
    const QSize size = shownOn ? shownOn->geometry().size() : kPreferredSize;
    return Theme::presenterFor(size, m_presenter->isDark());
}

void MainWindow::applyPresenterStyle() {
    const bool active = m_presenter->isActive();
    const bool dark = active && m_presenter->isDark();
    const Theme theme = presenterTheme();
    m_codePane->setPresenterStyle(active ? qRound(theme.baseFont.pointSizeF()) : 0, dark);
    m_caption->setPresenterStyle(active ? qRound(theme.captionFont.pointSizeF()) : 0, dark);
    // Dark all over: the stats, the tab page and every other surface take the slide's colours.
    if (dark != m_darkPaletteSet) {
        if (dark) {
            m_paletteBeforeDark = palette();
            setPalette(darkPalette(theme));
        } else {
            setPalette(m_paletteBeforeDark);
        }
        m_darkPaletteSet = dark;
    }
    if (!active) {
        setSlidesTheme(m_slidesAction->isChecked());
        return;
    }
    m_plot->setTheme(theme);
    fitCodePane();
}

void MainWindow::fitCodePane() {
    // Full screen comes later than this call on a real window manager: size for the screen.
    const QScreen *shownOn = screen();
    const int total = shownOn ? shownOn->geometry().width() : m_plotAndCode->width();
    const int most = int(total * kMostCodeShare);
    // Measured at the slides' size: a refit starts from there, not from the last fit's size.
    const int points = qRound(presenterTheme().baseFont.pointSizeF());
    m_codePane->setCodePointSize(points);
    const int wanted = std::min(most, m_codePane->wholeLinesWidth());
    m_plotAndCode->setSizes({total - wanted, wanted});
    // Down to two thirds of the slides' size before a line wraps: still legible from afar.
    m_codePane->fitCodeToWidth(wanted, points, std::max(kSmallestCodePoints, points * 2 / 3));
}

void MainWindow::showSourceDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Show source"), {}, tr("Source code (*.py *.cpp *.cc *.h *.hpp);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    setCodePaneVisible(true);
    if (!m_codePane->showSourceFile(path, &error))
        showStatus(tr("Could not show %1: %2").arg(path, error), true);
}

void MainWindow::customCaptionDialog() {
    bool accepted = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Custom caption"),
        tr("Your own caption under the timeline. Leave it empty to show what the run shows."),
        m_caption->customText(), &accepted);
    if (!accepted)
        return;
    m_caption->setCustomText(text);
    setCaptionVisible(true);
}

void MainWindow::showStatus(const QString &text, bool problem) {
    m_status->setText(text);
    m_status->setToolTip(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b34700; font-weight: bold;")
                                    : QString());
}

QString MainWindow::statusText() const {
    return m_status->text();
}

void MainWindow::scheduleLiveRerun() {
    if (m_controls->liveRerun() && m_hasRun && !m_compare->isRunning())
        m_rerunDelay.start();
}

bool MainWindow::startWatchServer(const watch::WatchServerOptions &options) {
    watch::WatchServerOptions withSettings = options;
    withSettings.server = m_controls->scenario().server;
    QString error;
    const bool started = m_watch->startServer(withSettings, &error);
    m_watchPanel->setServerState(m_watch->url(), error, m_watch->notice());
    if (!started)
        showStatus(error, true);
    else if (!m_watch->notice().isEmpty())
        showStatus(m_watch->notice());
    return started;
}

void MainWindow::showWatchSnapshot(const Run &run, const RunChanges &changes) {
    if (m_session.isRunning() || m_compare->isRunning())
        return; // the app's own run has the timeline
    showAnalysis(run, &changes);
    // The caption says what this session shows so far, never what the last run showed.
    showTeaching(m_analyzer.current()->run, true);
    const int finished = m_analyzer.current()->stats.finished();
    showProgress(run, finished);
    showStatus(tr("Watching %1: %2 requests, %3 finished, %4")
                   .arg(m_watch->url())
                   .arg(run.requests.size())
                   .arg(finished)
                   .arg(formatSeconds(nanosToSeconds(run.elapsed))));
}

void MainWindow::showProgress(const Run &run, int ended) {
    // QProgressBar::setValue repaints at once (made for progress inside blocking loops): in a
    // live frame that painted the status bar there and then, a quarter of the frame's analysis
    // at 30k requests. With updates off meanwhile, turning them on queues one paint instead.
    m_progress->setUpdatesEnabled(false);
    if (isWatchSession(run.scenario)) {
        m_progress->setFormat(tr("%m requests"));
        m_progress->setRange(0, std::max(1, int(run.requests.size())));
    } else {
        m_progress->setFormat(tr("%v / %m done"));
        m_progress->setRange(0, run.scenario.n);
    }
    m_progress->setValue(ended);
    m_progress->setUpdatesEnabled(true);
}

bool MainWindow::openRun(const QString &path, QString *error) {
    std::optional<Run> run = openRunFile(path, error);
    if (!run)
        return false;
    showOpened(*run, path);
    return true;
}

bool MainWindow::openRunInBackground(const QString &path) {
    if (!m_loader->open(path))
        return false;
    showStatus(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    return true;
}

void MainWindow::showOpened(const Run &run, const QString &path) {
    m_session.cancel();
    m_compare->cancel();
    m_tabs->setCurrentIndex(0);
    m_strategies->setCurrentStrategy(run.scenario.strategy);
    showFinished(run);
    showStatus(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.front().isLocalFile())
        return;
    event->acceptProposedAction();
    openRunInBackground(urls.front().toLocalFile());
}

bool MainWindow::saveRun(const QString &path, QString *error) const {
    return reqlanes::saveRun(m_lastRun, path, error);
}

bool MainWindow::exportImage(const QString &path, QSize size, double scale, QString *error) const {
    // The compare tab exports the comparison; the timeline tab the current view in slide style.
    if (m_tabs->currentWidget() == m_compare)
        return SlideExporter::exportComparison(m_compare->runs(), m_plot->grouping(), path, size,
                                               scale, error);
    // The caption travels with the picture when the window shows it.
    const QString caption = m_captionAction->isChecked() ? m_caption->text() : QString();
    return SlideExporter::exportView(*m_plot, path, size, scale, error, caption);
}

void MainWindow::openRunDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open run"), {}, openDialogFilter());
    if (!path.isEmpty())
        openRunInBackground(path);
}

bool MainWindow::openRunReportingErrors(const QString &path) {
    QString error;
    if (openRun(path, &error))
        return true;
    reportOpenError(error);
    return false;
}

void MainWindow::reportOpenError(const QString &error) {
    // The reason already names the file: say it once, in a dialog that does not block (tests
    // and a replay keep running behind it), and keep it in the status bar.
    showStatus(tr("Could not open the run: %1").arg(error), true);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Could not open the run"), error,
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("openRunError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void MainWindow::saveRunDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save run"), m_lastRun.scenario.strategy + runFileFormat().suffix,
        formatFilterText(runFileFormat()));
    QString error;
    if (path.isEmpty())
        return;
    if (saveRun(path, &error))
        showStatus(tr("Saved %1").arg(path));
    else
        showStatus(tr("Could not save %1: %2").arg(path, error), true);
}

void MainWindow::exportFormatDialog(const FileFormat &format) {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(formatTitleText(format)),
        m_lastRun.scenario.strategy + format.suffix, formatFilterText(format));
    if (path.isEmpty())
        return;
    QString error;
    ExportOptions options;
    options.laneGrouping = laneGroupingName(m_plot->grouping());
    if (exportRun(format, m_lastRun, options, path, &error))
        showStatus(tr("Exported %1").arg(path));
    else
        showStatus(tr("Could not export %1: %2").arg(path, error), true);
}

void MainWindow::exportImageDialog() {
    ExportDialog dialog(m_plot->size(), m_plot->run().scenario.strategy + QStringLiteral(".png"),
                        this);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty())
        return;
    QString error;
    if (exportImage(dialog.path(), dialog.size(), dialog.scale(), &error))
        showStatus(tr("Exported %1").arg(dialog.path()));
    else
        showStatus(tr("Could not export: %1").arg(error), true);
}

void MainWindow::copyImage() {
    if (m_tabs->currentWidget() == m_compare)
        SlideExporter::copyToClipboard(m_compare->plot(), m_compare->plot()->size());
    else
        SlideExporter::copyViewToClipboard(*m_plot);
    showStatus(tr("Copied the picture to the clipboard."));
}

void MainWindow::restoreSettings() {
    const AppSettings settings = AppSettings::load();
    m_controls->setScenario(settings.scenario);
    m_controls->setLiveRerun(settings.liveRerun);
    m_strategies->setCurrentStrategy(settings.scenario.strategy);
    setGrouping(settings.grouping);
    setSlidesTheme(settings.theme == QLatin1String("slides"));
    placeMainWindow(*this, settings.windowGeometry, settings.windowMaximized, kPreferredSize);
    if (!settings.windowState.isEmpty())
        restoreState(settings.windowState);
}

void MainWindow::saveSettings() const {
    AppSettings settings;
    settings.scenario = currentScenario();
    settings.grouping = m_plot->grouping();
    settings.theme =
        m_slidesAction->isChecked() ? QStringLiteral("slides") : QStringLiteral("screen");
    settings.liveRerun = m_controls->liveRerun();
    settings.windowGeometry = normalGeometry();
    settings.windowMaximized = isMaximized();
    settings.windowState = saveState();
    settings.save();
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveSettings();
    m_session.cancel();
    m_compare->cancel();
    event->accept();
}

} // namespace reqlanes
