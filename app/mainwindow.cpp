#include "mainwindow.h"

#include "appsettings.h"
#include "compareplot.h"
#include "compareview.h"
#include "controlspanel.h"
#include "exportdialog.h"
#include "formats/csvexport.h"
#include "formats/runfile.h"
#include "formats/traceexport.h"
#include "languagemenu.h"
#include "replaycontroller.h"
#include "results/runproblems.h"
#include "run/strategyregistry.h"
#include "runtext.h"
#include "slideexporter.h"
#include "statspanel.h"
#include "strategylist.h"
#include "theme.h"
#include "timelineplot.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace reqlanes {

namespace {

constexpr int kLiveRerunDelayMs = 250;

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

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(
        titled(QStringLiteral("Strategy (click to run, keys 1–8)"), m_strategies, side));
    sideLayout->addWidget(titled(QStringLiteral("Settings"), m_controls, side));
    sideLayout->addStretch(1);
    auto *sideScroll = new QScrollArea(this);
    sideScroll->setWidget(side);
    sideScroll->setWidgetResizable(true);
    sideScroll->setMinimumWidth(340);

    auto *timelinePage = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timelinePage);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->addWidget(m_plot, 1);
    timelineLayout->addWidget(m_stats);
    timelineLayout->addWidget(m_replay);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(timelinePage, QStringLiteral("Timeline"));
    m_tabs->addTab(m_compare, QStringLiteral("Compare all"));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(sideScroll);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    m_grouping = new QComboBox(this);
    m_grouping->setObjectName(QStringLiteral("grouping"));
    for (LaneGrouping grouping : {LaneGrouping::Request, LaneGrouping::Thread,
                                  LaneGrouping::Process, LaneGrouping::ServerWorker})
        m_grouping->addItem(QStringLiteral("Lanes: by %1").arg(laneGroupingName(grouping)),
                            int(grouping));

    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->setFormat(QStringLiteral("%v / %m done"));
    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    resize(1400, 860);
}

void MainWindow::buildActions() {
    m_runAction = new QAction(QStringLiteral("Run"), this);
    m_runAction->setShortcut(Qt::Key_Space);
    m_runAction->setToolTip(QStringLiteral("Run the selected strategy, or stop the run (Space)"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::toggleRun);
    m_compareAction = new QAction(QStringLiteral("Compare all"), this);
    m_compareAction->setToolTip(QStringLiteral("Run every strategy with these settings"));
    connect(m_compareAction, &QAction::triggered, this, &MainWindow::compareAll);
    m_slidesAction = new QAction(QStringLiteral("Slides theme"), this);
    m_slidesAction->setCheckable(true);
    connect(m_slidesAction, &QAction::toggled, this, &MainWindow::setSlidesTheme);

    auto *toolbar = addToolBar(QStringLiteral("Run"));
    toolbar->setObjectName(QStringLiteral("runToolbar"));
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_compareAction);
    toolbar->addSeparator();
    toolbar->addWidget(m_grouping);
    toolbar->addAction(QStringLiteral("Whole run"), m_plot, &TimelinePlot::showWholeRun);
    toolbar->addAction(m_slidesAction);

    // Keys 1-8 pick and run a strategy, in the registry's order.
    const int strategies = int(StrategyRegistry::instance().strategies().size());
    for (int i = 0; i < std::min(strategies, 9); ++i) {
        auto *pick = new QAction(this);
        pick->setShortcut(QKeySequence(Qt::Key_1 + i));
        connect(pick, &QAction::triggered, this, [this, i] { m_strategies->activate(i); });
        addAction(pick);
    }
    connect(m_grouping, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { setGrouping(LaneGrouping(m_grouping->currentData().toInt())); });
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(QStringLiteral("&Open run…"), QKeySequence::Open, this,
                    &MainWindow::openRunDialog);
    file->addAction(QStringLiteral("&Save run…"), QKeySequence::Save, this,
                    &MainWindow::saveRunDialog);
    file->addSeparator();
    file->addAction(QStringLiteral("Export &image (PNG, SVG, PDF)…"),
                    QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportImageDialog);
    file->addAction(QStringLiteral("&Copy image"), QKeySequence::Copy, this,
                    &MainWindow::copyImage);
    file->addAction(QStringLiteral("Export Chrome &trace…"), this,
                    [this] { exportTraceDialog(false); });
    file->addAction(QStringLiteral("Export &CSV…"), this, [this] { exportTraceDialog(true); });
    file->addSeparator();
    file->addAction(QStringLiteral("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *run = menuBar()->addMenu(QStringLiteral("&Run"));
    run->addAction(m_runAction);
    run->addAction(m_compareAction);
    QMenu *view = menuBar()->addMenu(QStringLiteral("&View"));
    view->addAction(m_slidesAction);
    view->addAction(QStringLiteral("Show the &whole run"), m_plot, &TimelinePlot::showWholeRun);
    auto *language = new LanguageMenu(this);
    view->addMenu(language);
    connect(language, &LanguageMenu::notice, this,
            [this](const QString &text) { showStatus(text); });
}

void MainWindow::connectSession() {
    connect(m_strategies, &StrategyList::strategyActivated, this, &MainWindow::runStrategy);
    connect(&m_session, &RunSession::snapshot, this, &MainWindow::showSnapshot);
    connect(&m_session, &RunSession::finished, this, &MainWindow::showFinished);
    connect(m_replay, &ReplayController::frame, m_plot, &TimelinePlot::setRun);
    connect(m_compare, &CompareView::statusChanged, this,
            [this](const QString &text) { showStatus(text); });
    m_rerunDelay.setSingleShot(true);
    m_rerunDelay.setInterval(kLiveRerunDelayMs);
    connect(&m_rerunDelay, &QTimer::timeout, this,
            [this] { runStrategy(m_strategies->currentStrategy()); });
    connect(m_controls, &ControlsPanel::scenarioChanged, this, &MainWindow::scheduleLiveRerun);
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
    QString error;
    if (!m_session.start(scenario, &error)) {
        showStatus(QStringLiteral("Cannot run %1: %2").arg(id, error), true);
        m_plot->clearRun(QStringLiteral("Cannot run %1: %2").arg(id, error));
        return false;
    }
    m_hasRun = true;
    m_runAction->setText(QStringLiteral("Stop"));
    m_progress->setRange(0, scenario.n);
    m_progress->setValue(0);
    showSnapshot(m_session.latest());
    return true;
}

void MainWindow::toggleRun() {
    if (m_session.isRunning() || m_compare->isRunning()) {
        m_session.cancel();
        m_compare->cancel();
        showStatus(QStringLiteral("Stopping…"));
        return;
    }
    runStrategy(m_strategies->currentStrategy());
}

void MainWindow::compareAll() {
    m_session.cancel();
    m_tabs->setCurrentWidget(m_compare);
    m_compare->start(m_controls->scenario(), m_plot->grouping());
}

void MainWindow::setGrouping(LaneGrouping grouping) {
    m_grouping->setCurrentIndex(m_grouping->findData(int(grouping)));
    m_plot->setGrouping(grouping);
    m_compare->setGrouping(grouping);
}

void MainWindow::setSlidesTheme(bool slides) {
    m_slidesAction->setChecked(slides);
    const Theme theme = slides ? Theme::slides() : Theme::screen();
    m_plot->setTheme(theme);
    m_compare->plot()->setTheme(theme);
}

void MainWindow::showSnapshot(const Run &run) {
    m_plot->setRun(run);
    m_stats->setRun(run);
    m_progress->setValue(run.finishedCount());
    showStatus(QStringLiteral("Running %1: %2 of %3 done, %4")
                   .arg(run.scenario.strategy)
                   .arg(run.finishedCount())
                   .arg(run.scenario.n)
                   .arg(formatSeconds(nanosToSeconds(run.elapsed))));
}

void MainWindow::showFinished(const Run &run) {
    m_lastRun = run;
    m_plot->setRun(run);
    m_stats->setRun(run);
    m_replay->setRun(run);
    m_progress->setValue(run.finishedCount());
    m_runAction->setText(QStringLiteral("Run"));
    if (const QString problem = runProblem(run); !problem.isEmpty())
        showStatus(QStringLiteral("%1: %2").arg(run.scenario.strategy, problem), true);
    else if (run.cancelled)
        showStatus(QStringLiteral("%1 stopped.").arg(run.scenario.strategy));
    else
        showStatus(QStringLiteral("%1 finished: %2")
                       .arg(run.scenario.strategy, runCaption(run, computeStats(run))));
    emit runFinished(run);
}

void MainWindow::showStatus(const QString &text, bool problem) {
    m_status->setText(text);
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

bool MainWindow::openRun(const QString &path, QString *error) {
    std::optional<Run> run = loadRun(path, error);
    if (!run)
        return false;
    m_session.cancel();
    m_compare->cancel();
    m_tabs->setCurrentIndex(0);
    m_strategies->setCurrentStrategy(run->scenario.strategy);
    showFinished(*run);
    showStatus(QStringLiteral("Opened %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool MainWindow::saveRun(const QString &path, QString *error) const {
    return reqlanes::saveRun(m_lastRun, path, error);
}

bool MainWindow::exportImage(const QString &path, QSize size, double scale, QString *error) const {
    // The compare tab exports the comparison; the timeline tab the current view in slide style.
    if (m_tabs->currentWidget() == m_compare)
        return SlideExporter::exportComparison(m_compare->runs(), m_plot->grouping(), path, size,
                                               scale, error);
    return SlideExporter::exportView(*m_plot, path, size, scale, error);
}

void MainWindow::openRunDialog() {
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open run"), {},
                                                      QStringLiteral("reqlanes run (*.json)"));
    QString error;
    if (!path.isEmpty() && !openRun(path, &error))
        showStatus(QStringLiteral("Could not open %1: %2").arg(path, error), true);
}

void MainWindow::saveRunDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, QStringLiteral("Save run"), m_lastRun.scenario.strategy + QStringLiteral(".json"),
        QStringLiteral("reqlanes run (*.json)"));
    QString error;
    if (path.isEmpty())
        return;
    if (saveRun(path, &error))
        showStatus(QStringLiteral("Saved %1").arg(path));
    else
        showStatus(QStringLiteral("Could not save %1: %2").arg(path, error), true);
}

void MainWindow::exportTraceDialog(bool csv) {
    const QString suffix = csv ? QStringLiteral(".csv") : QStringLiteral(".trace.json");
    const QString path = QFileDialog::getSaveFileName(
        this, csv ? QStringLiteral("Export CSV") : QStringLiteral("Export Chrome trace"),
        m_lastRun.scenario.strategy + suffix,
        csv ? QStringLiteral("CSV (*.csv)") : QStringLiteral("Chrome trace (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    const QByteArray bytes = csv ? runToCsv(m_lastRun) : runToChromeTrace(m_lastRun);
    if (writeFileAtomically(path, bytes, &error))
        showStatus(QStringLiteral("Exported %1").arg(path));
    else
        showStatus(QStringLiteral("Could not export %1: %2").arg(path, error), true);
}

void MainWindow::exportImageDialog() {
    ExportDialog dialog(m_plot->size(), m_plot->run().scenario.strategy + QStringLiteral(".png"),
                        this);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty())
        return;
    QString error;
    if (exportImage(dialog.path(), dialog.size(), dialog.scale(), &error))
        showStatus(QStringLiteral("Exported %1").arg(dialog.path()));
    else
        showStatus(QStringLiteral("Could not export: %1").arg(error), true);
}

void MainWindow::copyImage() {
    if (m_tabs->currentWidget() == m_compare)
        SlideExporter::copyToClipboard(m_compare->plot(), m_compare->plot()->size());
    else
        SlideExporter::copyViewToClipboard(*m_plot);
    showStatus(QStringLiteral("Copied the picture to the clipboard."));
}

void MainWindow::restoreSettings() {
    const AppSettings settings = AppSettings::load();
    m_controls->setScenario(settings.scenario);
    m_controls->setLiveRerun(settings.liveRerun);
    m_strategies->setCurrentStrategy(settings.scenario.strategy);
    setGrouping(settings.grouping);
    setSlidesTheme(settings.theme == QLatin1String("slides"));
    if (!settings.geometry.isEmpty())
        restoreGeometry(settings.geometry);
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
    settings.geometry = saveGeometry();
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
