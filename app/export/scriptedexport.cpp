#include "export/scriptedexport.h"

#include "compare/compareplot.h"
#include "controls/controlspanel.h"
#include "export/slideexporter.h"
#include "formats/fileformats.h"
#include "formats/runfile.h"
#include "i18n/runtext.h"
#include "mainwindow.h"
#include "results/runproblems.h"
#include "results/runstats.h"
#include "run/runner.h"
#include "run/strategyregistry.h"
#include "style/theme.h"
#include "timeline/findingscaption.h"
#include "timeline/timelineplot.h"

#include <QApplication>
#include <QBuffer>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace reqlanes {

namespace {

constexpr int kScreenshotSettleMs = 300; // let the last frame and the status bar paint
constexpr int kScreenshotTimeoutMs = 300000;

void say(const QString &text) {
    std::fprintf(stderr, "reqlanes: %s\n", qPrintable(text));
}

// Runs each strategy (all when `ids` is empty) in turn with the same scenario, as the Compare
// view does.
std::vector<Run> runAll(const Scenario &base, QStringList ids, bool *failed) {
    if (ids.isEmpty())
        ids = StrategyRegistry::instance().ids();
    std::vector<Run> runs;
    for (const QString &id : ids) {
        Scenario scenario = base;
        scenario.strategy = id;
        say(QCoreApplication::translate("reqlanes::ScriptedExport", "running %1…").arg(id));
        runs.push_back(runScenario(scenario));
        if (const QString problem = runProblem(runs.back()); !problem.isEmpty()) {
            say(QCoreApplication::translate("reqlanes::ScriptedExport", "%1: %2").arg(id, problem));
            *failed = true;
        }
    }
    return runs;
}

// --caption: auto = the run's findings, none = nothing, anything else is the caption itself.
QString exportCaption(const AppOptions &options, const Run &run) {
    if (options.caption == QLatin1String("none"))
        return {};
    if (options.caption == QLatin1String("auto"))
        return FindingsCaption::findingsText(run);
    return options.caption;
}

} // namespace

int runScriptedExport(const AppOptions &options) {
    const Theme theme = SlideExporter::exportTheme(options.size, options.theme);
    bool runFailed = false;
    QString error;
    std::unique_ptr<QCustomPlot> plot;
    if (options.compare) {
        auto compare = std::make_unique<ComparePlot>();
        compare->setTheme(theme);
        compare->setRuns(runAll(options.scenario, options.compareStrategies, &runFailed),
                         options.grouping);
        compare->layoutFor(options.size);
        // Findings explain one run; a comparison takes only a caption of the user's own.
        if (options.caption != QLatin1String("auto"))
            FindingsCaption::addToPlot(compare.get(), exportCaption(options, Run()), theme);
        plot = std::move(compare);
    } else {
        Run run;
        if (!options.openPath.isEmpty()) {
            // Any readable format: a run file, or traces (OTLP/JSON).
            std::optional<Run> loaded = openRunFile(options.openPath, &error);
            if (!loaded) {
                say(QCoreApplication::translate("reqlanes::ScriptedExport", "cannot open %1: %2")
                        .arg(options.openPath, error));
                return 1;
            }
            run = std::move(*loaded);
        } else {
            say(QCoreApplication::translate("reqlanes::ScriptedExport", "running %1…")
                    .arg(options.scenario.strategy));
            run = runScenario(options.scenario);
        }
        if (const QString problem = runProblem(run); !problem.isEmpty()) {
            say(problem);
            runFailed = true;
        }
        auto timeline = SlideExporter::slideTimeline(run, options.grouping, options.size);
        timeline->setTheme(theme);
        timeline->layoutFor(options.size);
        FindingsCaption::addToPlot(timeline.get(), exportCaption(options, run), theme);
        say(runCaption(run, computeStats(run)));
        plot = std::move(timeline);
    }
    if (!SlideExporter::save(plot.get(), options.outputPath, options.size, options.scale, &error)) {
        say(QCoreApplication::translate("reqlanes::ScriptedExport", "cannot export %1: %2")
                .arg(options.outputPath, error));
        return 1;
    }
    say(QCoreApplication::translate("reqlanes::ScriptedExport", "wrote %1")
            .arg(options.outputPath));
    return runFailed ? 1 : 0;
}

int runScreenshot(const AppOptions &options) {
    auto window = std::make_unique<MainWindow>();
    window->resize(options.size);
    if (options.scenarioGiven) {
        window->controls()->setScenario(options.scenario);
        window->setGrouping(options.grouping);
    }
    window->show();

    int exitCode = 1;
    const auto grab = [&] {
        QTimer::singleShot(kScreenshotSettleMs, window.get(), [&] {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            window->grab().save(&buffer, "PNG");
            QString error;
            if (writeFileAtomically(options.outputPath, png, &error)) {
                say(QCoreApplication::translate("reqlanes::ScriptedExport", "wrote %1")
                        .arg(options.outputPath));
                exitCode = runProblem(window->shownRun()).isEmpty() ? 0 : 1;
            } else {
                say(QCoreApplication::translate("reqlanes::ScriptedExport", "cannot write %1: %2")
                        .arg(options.outputPath, error));
            }
            QApplication::exit(exitCode);
        });
    };
    QObject::connect(window.get(), &MainWindow::runFinished, window.get(), grab);
    QTimer::singleShot(kScreenshotTimeoutMs, window.get(), [] {
        say(QCoreApplication::translate("reqlanes::ScriptedExport",
                                        "the run did not finish in time; no screenshot"));
        QApplication::exit(1);
    });

    QString error;
    if (!options.openPath.isEmpty()) {
        if (!window->openRun(options.openPath, &error)) {
            say(QCoreApplication::translate("reqlanes::ScriptedExport", "cannot open %1: %2")
                    .arg(options.openPath, error));
            return 1;
        }
        // The lanes a loaded run offers are known only now (a HAR's by connection, by host).
        window->setGrouping(options.grouping);
    } else if (!window->runStrategy(options.scenario.strategy)) {
        say(window->statusText());
        return 1;
    }
    QApplication::exec();
    return exitCode;
}

} // namespace reqlanes
