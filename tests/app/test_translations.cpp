// The translations are complete and compiled in: every resources/translations/*.ts is embedded
// as ":/i18n/…qm", every message in it is translated, and lupdate run over app/ now finds no
// tr() string the .ts files lack (what "lupdate reports no unfinished strings" means).
#include "apptestenvironment.h"
#include "results/findings.h"
#include "run/strategyregistry.h"
#include "runtext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

namespace {

struct TsProblems {
    int messages = 0;
    QStringList unfinished; // "context: source" of every message without a usable translation
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
            if (!type.isEmpty() || empty)
                problems.unfinished
                    << QStringLiteral("%1: \"%2\"%3")
                           .arg(context, source,
                                type.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(type));
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
        EXPECT_TRUE(problems.unfinished.isEmpty())
            << ts.toStdString() << " has " << problems.unfinished.size()
            << " untranslated messages:\n  "
            << problems.unfinished.join(QStringLiteral("\n  ")).toStdString();
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
    // A watch lane's label is the peer's own text: left as it is.
    EXPECT_EQ(
        laneLabelText({QStringLiteral("conn 1  127.0.0.1:5000"), QStringLiteral("connection:1")}),
        QStringLiteral("conn 1  127.0.0.1:5000"));
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
    }
}
