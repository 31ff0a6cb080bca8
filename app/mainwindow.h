// The main window wires the pieces and owns none of their logic: the strategy list and controls
// say what to run, RunSession runs it and streams snapshots, TimelinePlot and StatsPanel show
// them, ReplayController replays, CompareView compares, exportRun (fileformats) and SlideExporter
// write files.
#pragma once

#include "formats/fileformats.h"
#include "model/run.h"
#include "results/lanegroupings.h"
#include "results/lanelayout.h"
#include "results/runanalysis.h"
#include "runsession.h"
#include "style/theme.h"

#include <QMainWindow>
#include <QPalette>
#include <QTimer>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QSplitter;
class QTabWidget;

namespace reqlanes {

class CodePane;
class CompareView;
class ControlsPanel;
class FindingsCaption;
class PresenterMode;
class ReplayController;
class RunFileLoader;
class StatsPanel;
class StrategyList;
class TimelinePlot;
class WatchPanel;
namespace watch {
class WatchController;
struct WatchServerOptions;
} // namespace watch

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // The scenario the controls and the selected strategy describe.
    Scenario currentScenario() const;
    bool runStrategy(const QString &id); // cancels a run in progress first
    void toggleRun();                    // Run/Stop button and Space
    void runScriptDialog();              // Run → Run a script… (Ctrl+R)
    // Starts `command` (see watch/tracedprogram.h) against the watch server; a message box on
    // failure. Public for tests, which pass a script instead of clicking through the dialog.
    bool startScript(const QStringList &command);
    void stopRun(); // Run → Stop: stops the run; a second time, also its wait for the server
    void compareAll();
    void setGrouping(LaneGrouping grouping);
    void setSlidesTheme(bool slides);

    bool openRun(const QString &path, QString *error);
    // openRun for the user: a failure is shown once, in a non-modal message box.
    bool openRunReportingErrors(const QString &path);
    // The same, off the GUI thread with a busy dialog (File → Open, a dropped file): false when
    // another file is still loading.
    bool openRunInBackground(const QString &path);
    RunFileLoader *fileLoader() const { return m_loader; }
    bool saveRun(const QString &path, QString *error) const;
    bool exportImage(const QString &path, QSize size, double scale, QString *error) const;
    const Run &shownRun() const { return m_lastRun; } // the finished or loaded run

    RunSession *session() { return &m_session; }
    StrategyList *strategyList() const { return m_strategies; }
    ControlsPanel *controls() const { return m_controls; }
    StatsPanel *statsPanel() const { return m_stats; }
    TimelinePlot *timeline() const { return m_plot; }
    CompareView *compareView() const { return m_compare; }
    ReplayController *replay() const { return m_replay; }
    CodePane *codePane() const { return m_codePane; }
    FindingsCaption *caption() const { return m_caption; }
    PresenterMode *presenter() const { return m_presenter; }
    void setCodePaneVisible(bool visible);
    void setCaptionVisible(bool visible);
    QString statusText() const;
    // Watch mode: the server stays up on a known port while the window is open.
    bool startWatchServer(const watch::WatchServerOptions &options);
    watch::WatchController *watchController() const { return m_watch; }
    WatchPanel *watchPanel() const { return m_watchPanel; }

signals:
    void runFinished(const Run &run);

protected:
    void closeEvent(QCloseEvent *event) override;
    // A run file or HAR dropped on the window opens like File → Open.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildWidgets();
    void buildActions();
    void buildMenus();
    void connectSession();
    void restoreSettings();
    void saveSettings() const;

    // Analyses a run once (m_analyzer) and hands the analysis to the plot and the stats panel.
    void showAnalysis(const Run &run, const RunChanges *changes = nullptr);
    void showAnalysis(Run &&run);
    // Hands one analysis to every view that shows the run.
    void fanOut(const std::shared_ptr<const RunAnalysis> &analysis);
    void showSnapshot(const Run &run, const RunChanges &changes = {});
    // The code pane's counts and the caption for the moment shown; liveTick for live snapshots.
    void showTeaching(const Run &run, bool liveTick = false);
    void applyPresenterLayout(bool active);
    // Colours and type of presenter mode (light or dark slides, sized for the screen); nothing
    // else: Ctrl+D must not show or hide panes.
    void applyPresenterStyle();
    // The slides theme presenter mode draws with, sized for the screen the window is on.
    Theme presenterTheme() const;
    // Gives the code pane the width its lines need (up to a share of the window), then fits the
    // code's type into the width it got.
    void fitCodePane();
    // The lane switch offers the groupings that apply to the kind of run shown.
    void offerGroupingsFor(const Run &run);
    void applyGrouping(LaneGrouping grouping); // to the plots, without changing what is wanted
    void cycleGrouping();
    void showAbout();
    // A run that needs more descriptors than the hard limit is refused before it starts, with the
    // number it needs (core's OpenFileBudget); false and `error` then.
    bool fitsOpenFileLimit(const Scenario &scenario, QString *error) const;
    void showWatchingPlaceholder(bool watching);
    void showSourceDialog();
    void customCaptionDialog();
    void showFinished(const Run &run);
    void showStatus(const QString &text, bool problem = false);
    void scheduleLiveRerun();
    void showWatchSnapshot(const Run &run, const RunChanges &changes);
    // The status bar's progress: "4 / 9 done" for a run, "300 requests" for a watch session,
    // which has no N planned.
    void showProgress(const Run &run, int ended);

    void openRunDialog();
    void showOpened(const Run &run, const QString &path);
    void reportOpenError(const QString &error);
    void saveRunDialog();
    void exportFormatDialog(const FileFormat &format);
    void exportImageDialog();
    void copyImage();

    RunSession m_session;
    // What the shown run means, computed once per snapshot and read by every view.
    RunAnalyzer m_analyzer;
    Run m_lastRun;
    bool m_hasRun = false;
    QTimer m_rerunDelay; // coalesces a slider drag into one re-run

    StrategyList *m_strategies = nullptr;
    ControlsPanel *m_controls = nullptr;
    StatsPanel *m_stats = nullptr;
    TimelinePlot *m_plot = nullptr;
    CompareView *m_compare = nullptr;
    ReplayController *m_replay = nullptr;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_grouping = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_slidesAction = nullptr;
    CodePane *m_codePane = nullptr;
    FindingsCaption *m_caption = nullptr;
    PresenterMode *m_presenter = nullptr;
    QWidget *m_side = nullptr;
    QSplitter *m_plotAndCode = nullptr;
    QAction *m_codeAction = nullptr;
    QAction *m_captionAction = nullptr;
    bool m_codeBeforePresenting = false;
    bool m_captionBeforePresenting = true;
    QPalette m_paletteBeforeDark;
    bool m_darkPaletteSet = false;
    std::optional<RunKind> m_offeredKind; // the kind of run the lane switch was filled for
    // The grouping last asked for (the switch, --lanes): shown whenever the run has it, so
    // "--open traces.json --lanes service" works although the window starts with a strategy run.
    LaneGrouping m_wantedGrouping = LaneGrouping::Request;
    watch::WatchController *m_watch = nullptr;
    WatchPanel *m_watchPanel = nullptr;
    RunFileLoader *m_loader = nullptr;
};

} // namespace reqlanes
