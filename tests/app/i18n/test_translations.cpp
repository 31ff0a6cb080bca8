// The translations are complete and compiled in: every resources/translations/*.ts is embedded
// as ":/i18n/…qm", every message in it is translated, and lupdate run over app/ now finds no
// tr() string the .ts files lack (what "lupdate reports no unfinished strings" means).
#include "apptestenvironment.h"
#include "controls/controlspanel.h"
#include "formats/fileformats.h"
#include "http/httpexchange.h"
#include "i18n/language.h"
#include "i18n/runtext.h"
#include "mainwindow.h"
#include "results/findings.h"
#include "results/runoutcome.h"
#include "results/runproblems.h"
#include "results/runstats.h"
#include "results/timelinespans.h"
#include "run/strategyregistry.h"
#include "testscenario.h"
#include "timeline/statspanel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <iostream>

namespace {

struct TsProblems {
    int messages = 0;
    QStringList unfinished; // "context: source" of every message without a usable translation
    // Unfinished ones lupdate just added for a new row of the strategy or file format table.
    QStringList newTableWords;
};

// Qt Linguist's TS format: <context><name/><message><source/><translation type=…>…. A
// translation is unusable when marked unfinished (new, or its source changed), vanished or
// obsolete (its source is gone), or empty; plural messages carry one <numerusform> per form.
TsProblems readTs(const QString &path, QString *error) {
    TsProblems problems;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return problems;
    }
    QXmlStreamReader xml(&file);
    QString context, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            ++problems.messages;
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            // Plain text, or one <numerusform> per plural form: none may be empty.
            bool empty = false;
            QString text;
            int forms = 0;
            while (!xml.atEnd() && !(xml.readNext() == QXmlStreamReader::EndElement &&
                                     xml.name() == QLatin1String("translation"))) {
                if (xml.isCharacters())
                    text += xml.text();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                    ++forms;
                    empty |= xml.readElementText().trimmed().isEmpty();
                }
            }
            empty |= forms == 0 && text.trimmed().isEmpty();
            const QString entry =
                QStringLiteral("%1: \"%2\"%3")
                    .arg(context, source,
                         type.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(type));
            // A new strategy's or file format's words are optional to translate until the .ts
            // has them: the window shows them in English (strategyText(), formatTitleText()
            // fall back to the source), so such a row costs no .ts edit.
            if (type == QLatin1String("unfinished") && text.trimmed().isEmpty() &&
                (context == QLatin1String("Strategy") || context == QLatin1String("FileFormat")))
                problems.newTableWords << entry;
            else if (!type.isEmpty() || empty)
                problems.unfinished << entry;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return problems;
}

QStringList tsFiles() {
    const QDir dir(QStringLiteral(REQLANES_TRANSLATIONS_DIR));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("reqlanes_*.ts")}, QDir::Files))
        files << dir.filePath(name);
    return files;
}

// English words that must not reach a Japanese user (as whole words, so "HTTP" or a strategy
// id like "async-semaphore" do not count).
QStringList untranslatedWords(const QString &text) {
    static const QRegularExpression kEnglish(
        QStringLiteral(
            "\\b(stopped|cancelled|timeout|timed out|refused|Export|conn|unknown|"
            "request|thread|worker|process|other client|never finished|failed|watch session)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList found;
    for (auto it = kEnglish.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    return found;
}

// A run's request that the client gave up on after `timeoutMs`, with the text our exchange
// records (left English in the record, like every record's error).
reqlanes::RequestRecord timedOutRequest(int id, int timeoutMs) {
    reqlanes::RequestRecord record;
    record.id = id;
    record.at[int(reqlanes::Phase::Created)] = 0;
    record.at[int(reqlanes::Phase::Done)] = reqlanes::Nanos(timeoutMs) * 1000000;
    record.status = reqlanes::RequestStatus::Timeout;
    record.error = reqlanes::timeoutMessage(timeoutMs, "waiting for the response");
    return record;
}

// A watch session of two programs: one whose process was found (a script), one that was not,
// and a lane a client named itself (X-Client-Lane).
reqlanes::Run watchSession() {
    reqlanes::Run run;
    run.finished = true;
    run.scenario.strategy = QStringLiteral("watch");
    run.strategyName = QStringLiteral("watch session 1"); // as the watch recorder names it
    const struct {
        std::int32_t pid;
        const char *command;
        const char *lane;
    } clients[] = {{4242, "python3 /home/me/sequential.py --url http://127.0.0.1:8000/", ""},
                   {0, "", ""},
                   {4343, "python3 /home/me/threads.py", "downloads"}};
    for (const auto &client : clients) {
        reqlanes::ClientConnection connection;
        connection.peer = QStringLiteral("127.0.0.1:%1").arg(50000 + int(run.connections.size()));
        connection.processId = client.pid;
        connection.command = QString::fromUtf8(client.command);
        reqlanes::RequestOrigin origin;
        origin.connection = int(run.connections.size());
        origin.clientLane = QString::fromUtf8(client.lane);
        run.connections.push_back(connection);
        run.origins.push_back(origin);
        run.requests.push_back(timedOutRequest(int(run.requests.size()), 100));
        run.requests.back().status = reqlanes::RequestStatus::Ok;
        run.requests.back().error.clear();
    }
    run.elapsed = 200000000;
    return run;
}

} // namespace

TEST(Translations, JapaneseIsCompiledInAndTranslatesAKnownString) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/reqlanes_ja.qm")));
    EXPECT_EQ(translator.language(), QStringLiteral("ja_JP"));
    EXPECT_EQ(translator.translate("reqlanes::LanguageMenu", "&Language"),
              QStringLiteral("言語(&L)"));
    // A string no one wrote is not invented.
    EXPECT_TRUE(translator.translate("reqlanes::LanguageMenu", "no such source").isEmpty());
}

TEST(Translations, EveryTsFileIsCompiledIntoTheApp) {
    const QStringList files = tsFiles();
    ASSERT_FALSE(files.isEmpty()) << "no reqlanes_*.ts in " << REQLANES_TRANSLATIONS_DIR;
    for (const QString &ts : files) {
        const QString qm = QStringLiteral(":/i18n/%1.qm").arg(QFileInfo(ts).completeBaseName());
        QTranslator translator;
        EXPECT_TRUE(translator.load(qm))
            << qm.toStdString() << " missing: add the .ts to qt_add_translations in app/";
        EXPECT_FALSE(translator.isEmpty()) << qm.toStdString();
    }
}

TEST(Translations, EveryMessageInTheTsFilesIsTranslated) {
    for (const QString &ts : tsFiles()) {
        QString error;
        const TsProblems problems = readTs(ts, &error);
        ASSERT_TRUE(error.isEmpty()) << error.toStdString();
        EXPECT_GT(problems.messages, 0) << ts.toStdString();
        // Once in the .ts, those words are translated like every other message.
        const QStringList untranslated = problems.unfinished + problems.newTableWords;
        EXPECT_TRUE(untranslated.isEmpty())
            << ts.toStdString() << " has " << untranslated.size() << " untranslated messages:\n  "
            << untranslated.join(QStringLiteral("\n  ")).toStdString();
    }
}

// Core keeps English words (the CLI prints them) and marks them; the window shows them through
// the translator: strategy names, phases, lane labels and the findings.
TEST(Translations, TheWindowShowsCoreWordsInJapaneseAndCoreKeepsThemEnglish) {
    using namespace reqlanes;
    const StrategyInfo *threads = StrategyRegistry::instance().find(QStringLiteral("threads"));
    ASSERT_NE(threads, nullptr);
    EXPECT_EQ(threads->name, QStringLiteral("Thread per request"));
    EXPECT_EQ(strategyText(threads->name), QStringLiteral("Thread per request"));

    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(":/i18n/reqlanes_ja.qm")));
    ASSERT_TRUE(QCoreApplication::installTranslator(&translator));
    EXPECT_EQ(threads->name, QStringLiteral("Thread per request")); // core's value is unchanged
    EXPECT_EQ(strategyText(threads->name), QStringLiteral("リクエストごとにスレッド"));
    EXPECT_EQ(spanKindText(SpanKind::Queued), QStringLiteral("サーバーのキューで待機"));
    EXPECT_EQ(spanKindLabel(SpanKind::Queued), QStringLiteral("queued in server"));
    EXPECT_EQ(laneLabelText({QStringLiteral("thread 2"), QStringLiteral("thread:1:2")}),
              QStringLiteral("スレッド 2"));
    EXPECT_EQ(laneLabelText({QStringLiteral("request 7"), QStringLiteral("request:7")}),
              QStringLiteral("リクエスト 7"));
    // A watch lane's word is translated, the peer's address is left as it is.
    EXPECT_EQ(
        laneLabelText({QStringLiteral("conn 1  127.0.0.1:5000"), QStringLiteral("connection:1")}),
        QStringLiteral("接続 1  127.0.0.1:5000"));
    // Findings are translated in core through the "Findings" context.
    reqlanes::Run run;
    run.finished = true;
    run.error = QStringLiteral("boom");
    const std::vector<Finding> findings = explainRun(run);
    QCoreApplication::removeTranslator(&translator);
    ASSERT_FALSE(findings.empty());
    EXPECT_TRUE(findings.front().text.startsWith(QStringLiteral("実行に失敗しました")))
        << findings.front().text.toStdString();
}

// The .ts files could be complete and still stale: lupdate over today's app/ sources (and the
// core files whose words the window shows), into a
// copy, must find nothing new to translate. Fix a failure with the update_translations target.
TEST(Translations, LupdateFindsNoUntranslatedStringInTheApp) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const QString &ts : tsFiles()) {
        const QString copy = dir.filePath(QFileInfo(ts).fileName());
        ASSERT_TRUE(QFile::copy(ts, copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        QStringList arguments{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                              QStringLiteral("none"), QStringLiteral(REQLANES_APP_SOURCE_DIR)};
        arguments << QStringLiteral(REQLANES_CORE_TRANSLATED_SOURCES)
                         .split(QLatin1Char('|'), Qt::SkipEmptyParts);
        arguments << QStringLiteral("-ts") << copy;
        lupdate.start(QStringLiteral(REQLANES_LUPDATE), arguments);
        ASSERT_TRUE(lupdate.waitForFinished(60000)) << "lupdate did not finish in 60 s";
        const QByteArray output = lupdate.readAll();
        ASSERT_EQ(lupdate.exitStatus(), QProcess::NormalExit) << output.toStdString();
        ASSERT_EQ(lupdate.exitCode(), 0) << output.toStdString();

        QString error;
        const TsProblems problems = readTs(copy, &error);
        ASSERT_TRUE(error.isEmpty()) << error.toStdString();
        EXPECT_GT(problems.messages, 0) << output.toStdString();
        EXPECT_TRUE(problems.unfinished.isEmpty())
            << QFileInfo(ts).fileName().toStdString() << ": lupdate finds "
            << problems.unfinished.size() << " strings without a translation:\n  "
            << problems.unfinished.join(QStringLiteral("\n  ")).toStdString();
        if (!problems.newTableWords.isEmpty())
            std::cout << QFileInfo(ts).fileName().toStdString()
                      << ": a new row's words are shown in English until translated:\n  "
                      << problems.newTableWords.join(QStringLiteral("\n  ")).toStdString() << '\n';
    }
}

// Issue 17: in Japanese, nothing the window shows about a run is left in English: the File
// menu's export items, a stopped run's stats, caption and status, a cancelled or timed-out
// request's tooltip, and the lanes of a watch session. The same words stay English without a
// translator, which is how reqlanes-cli prints them.
TEST(Translations, AJapaneseWindowShowsNoEnglishWordsAboutARun) {
    using namespace reqlanes;
    QStringList shown; // "where: text"
    {
        AppLanguage language;
        QString error;
        ASSERT_TRUE(language.install(QStringLiteral("ja"), &error)) << error.toStdString();

        MainWindow window;
        for (QAction *menu : window.menuBar()->actions())
            if (menu->menu())
                for (QAction *action : menu->menu()->actions())
                    shown << QStringLiteral("menu: ") + action->text();
        shown << QStringLiteral("open dialog: ") + openDialogFilter();
        for (const FileFormat &format : fileFormats())
            shown << QStringLiteral("save dialog: ") + formatFilterText(format);

        // A real run on loopback, stopped as soon as it started: some requests never ran.
        window.controls()->setScenario(
            reqlanes::testing::testScenario({.n = 4, .limit = 1, .workers = 1, .latencyMs = 200}));
        QSignalSpy finished(&window, &MainWindow::runFinished);
        ASSERT_TRUE(window.runStrategy(QStringLiteral("sync")));
        window.toggleRun();
        ASSERT_TRUE(finished.count() > 0 || finished.wait(20000)) << "the run did not stop";
        const reqlanes::Run stopped = finished.takeFirst().at(0).value<reqlanes::Run>();
        ASSERT_EQ(runOutcome(stopped).kind, RunOutcomeKind::Stopped);
        shown << QStringLiteral("status: ") + window.statusText();
        shown << QStringLiteral("stats: ") +
                     window.statsPanel()->valueText(QStringLiteral("outcome"));
        shown << QStringLiteral("caption: ") + runCaption(stopped, computeStats(stopped));
        for (int id = 0; id < int(stopped.requests.size()); ++id)
            if (stopped.requests[std::size_t(id)].status == RequestStatus::Cancelled)
                shown << QStringLiteral("tooltip: ") + describeRequest(stopped, id);

        // Requests that timed out: the exchange's error text, and a status with no text.
        reqlanes::Run timedOut = stopped;
        timedOut.cancelled = false;
        timedOut.requests = {timedOutRequest(0, 100), timedOutRequest(1, 100)};
        timedOut.requests[1].error.clear();
        shown << QStringLiteral("tooltip: ") + describeRequest(timedOut, 0);
        shown << QStringLiteral("tooltip: ") + describeRequest(timedOut, 1);
        shown << QStringLiteral("problem: ") + runProblem(timedOut);
        for (RequestStatus status : {RequestStatus::Timeout, RequestStatus::Refused,
                                     RequestStatus::Cancelled, RequestStatus::Pending})
            shown << QStringLiteral("bar label: ") + statusWords(status);
        shown << QStringLiteral("outcome: ") + runOutcome(timedOut).words;

        const reqlanes::Run session = watchSession();
        for (LaneGrouping grouping : laneGroupingsFor(RunKind::WatchSession))
            for (const TimelineLane &lane : buildTimelineSpans(session, grouping).lanes)
                shown << QStringLiteral("lane: ") + laneLabelText(lane);
        shown << QStringLiteral("tooltip: ") + describeRequest(session, 1);
        shown << QStringLiteral("title: ") + runTitle(session);
    }
    ASSERT_GT(shown.size(), 20);
    for (const QString &text : shown) {
        const QString where = text.section(QLatin1Char(':'), 0, 0);
        EXPECT_TRUE(untranslatedWords(text.section(QLatin1Char(':'), 1)).isEmpty())
            << where.toStdString() << " shows English "
            << untranslatedWords(text).join(QStringLiteral(", ")).toStdString() << " in \""
            << text.toStdString() << "\"";
    }

    // Without a translator (the CLI has none) the same words are English.
    reqlanes::Run timedOut;
    timedOut.finished = true;
    timedOut.requests = {timedOutRequest(0, 100)};
    EXPECT_EQ(failureReason(timedOut.requests[0]),
              QStringLiteral("timed out after 100 ms while waiting for the response"));
    EXPECT_TRUE(runOutcome(timedOut).words.startsWith(QStringLiteral("1 of 1 failed: timed out")))
        << runOutcome(timedOut).words.toStdString();
    EXPECT_EQ(formatTitleText(*findFileFormat(QStringLiteral("trace"))),
              QStringLiteral("Chrome trace"));
    EXPECT_EQ(laneLabelText({QStringLiteral("unknown process"), QStringLiteral("client:0:")}),
              QStringLiteral("unknown process"));
}

// Workers bound the sync server only: an async server's caption names no worker count (it
// said "3 async workers" while handling 5,000 requests at once).
TEST(Translations, AnAsyncServersCaptionNamesNoWorkers) {
    using namespace reqlanes;
    reqlanes::Run run;
    run.scenario = reqlanes::testing::testScenario({.n = 9, .limit = 3});
    run.scenario.server.mode = ServerMode::Async;
    const QString caption = runCaption(run, computeStats(run));
    EXPECT_TRUE(caption.contains(QStringLiteral("async server"))) << caption.toStdString();
    EXPECT_FALSE(caption.contains(QStringLiteral("worker"))) << caption.toStdString();
    run.scenario.server.mode = ServerMode::Sync;
    EXPECT_TRUE(runCaption(run, computeStats(run)).contains(QStringLiteral("3 sync workers")));
}
