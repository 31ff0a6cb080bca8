// Presenter mode on real screen sizes (issue 17): at 1024×768, 1280×720, 1280×1024 and 1920×1080,
// in English and Japanese, every label and button shown says its whole text in the space it is
// drawn in, the timeline's title and caption fit the plot, the code pane shows whole lines in a
// monospace font, and the window stays inside the screen — before, while and after presenting,
// with the slides theme and the code pane on.
//
// The offscreen platform has the four screens side by side (offscreenscreens.h); each test opens
// the window on one of them, as a user whose window was last on a bigger monitor would.
#include "appsettings.h"
#include "apptestenvironment.h"
#include "formats/runfile.h"
#include "i18n/language.h"
#include "mainwindow.h"
#include "offscreenscreens.h"
#include "presenter/codepane.h"
#include "presenter/presentermode.h"
#include "run/runner.h"
#include "testscenario.h"
#include "timeline/findingscaption.h"
#include "timeline/statspanel.h"
#include "timeline/timelineplot.h"
#include "watching/watchpanel.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <gtest/gtest.h>

#include <memory>
#include <ostream>

using namespace reqlanes;

namespace {

struct ScreenCase {
    QSize size;
    const char *language;
};

QScreen *screenOfSize(QSize size) {
    for (QScreen *screen : QGuiApplication::screens())
        if (screen->geometry().size() == size)
            return screen;
    return nullptr;
}

std::string describe(const QWidget *widget) {
    QString path;
    for (const QWidget *w = widget; w; w = w->parentWidget())
        path.prepend(QStringLiteral("/") + (w->objectName().isEmpty()
                                                ? QString::fromLatin1(w->metaObject()->className())
                                                : w->objectName()));
    return path.toStdString();
}

// A label's text is whole in its contents rect: each line as wide as the rect at most, or, when
// it wraps, all of its lines as high as the rect at most.
void expectLabelFits(const QLabel *label) {
    QString text = label->text();
    if (text.isEmpty())
        return;
    if (label->textFormat() == Qt::RichText ||
        (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(text))) {
        QTextDocument document;
        document.setHtml(text);
        text = document.toPlainText();
    }
    const QRect room = label->contentsRect().marginsRemoved(
        QMargins(label->margin(), label->margin(), label->margin(), label->margin()));
    if (label->wordWrap()) {
        const int needed = label->heightForWidth(label->contentsRect().width());
        EXPECT_LE(needed, label->contentsRect().height() + 1)
            << describe(label) << " cuts its wrapped text \"" << text.toStdString() << "\"";
        return;
    }
    for (const QString &line : text.split(QLatin1Char('\n')))
        EXPECT_LE(label->fontMetrics().horizontalAdvance(line), room.width())
            << describe(label) << " cuts \"" << line.toStdString() << "\"";
}

void expectButtonFits(const QAbstractButton *button) {
    if (button->text().isEmpty())
        return;
    EXPECT_GE(button->width(), button->sizeHint().width())
        << describe(button) << " cuts \"" << button->text().toStdString() << "\"";
}

void expectTabsFit(const QTabBar *tabs) {
    for (int i = 0; i < tabs->count(); ++i)
        EXPECT_GE(tabs->tabRect(i).width(), tabs->fontMetrics().horizontalAdvance(tabs->tabText(i)))
            << describe(tabs) << " cuts tab \"" << tabs->tabText(i).toStdString() << "\"";
}

// Each line of the plot's title, caption and problem texts fits the plot's width.
void expectPlotTextsFit(const QCustomPlot *plot) {
    for (const QCPTextElement *element : plot->findChildren<QCPTextElement *>()) {
        if (!element->visible() || !element->layout())
            continue;
        const QFontMetrics metrics(element->font());
        for (const QString &line : element->text().split(QLatin1Char('\n')))
            EXPECT_LE(metrics.horizontalAdvance(line), plot->width())
                << "plot text cut: \"" << line.toStdString() << "\"";
    }
}

void expectEveryShownTextFits(const QWidget &window) {
    for (const QLabel *label : window.findChildren<QLabel *>())
        if (label->isVisible())
            expectLabelFits(label);
    for (const QAbstractButton *button : window.findChildren<QAbstractButton *>())
        if (button->isVisible())
            expectButtonFits(button);
    for (const QTabBar *tabs : window.findChildren<QTabBar *>())
        if (tabs->isVisible())
            expectTabsFit(tabs);
}

void expectInside(const QWidget &window, const QScreen *screen, const char *when) {
    const QRect available = screen->availableGeometry();
    EXPECT_TRUE(available.contains(window.frameGeometry()))
        << when << ": window " << window.frameGeometry().x() << ',' << window.frameGeometry().y()
        << ' ' << window.frameGeometry().width() << 'x' << window.frameGeometry().height()
        << " outside " << available.width() << 'x' << available.height();
}

// A real run, once: async-semaphore, N 9, limit 3, three 100-ms workers, saved to a file each
// window opens as a user would.
class PresenterGeometry : public ::testing::TestWithParam<ScreenCase> {
protected:
    static void SetUpTestSuite() {
        s_directory = std::make_unique<QTemporaryDir>();
        const reqlanes::Run run = runScenario(reqlanes::testing::testScenario(
            {.strategy = QStringLiteral("async-semaphore"), .n = 9, .latencyMs = 100}));
        ASSERT_EQ(run.okCount(), 9) << run.error.toStdString();
        s_runPath = s_directory->filePath(QStringLiteral("semaphore.json"));
        QString error;
        ASSERT_TRUE(saveRun(run, s_runPath, &error)) << error.toStdString();
    }
    static void TearDownTestSuite() { s_directory.reset(); }

    void SetUp() override {
        ASSERT_TRUE(reqlanes::testing::kOffscreenScreensConfigured);
        m_screen = screenOfSize(GetParam().size);
        ASSERT_NE(m_screen, nullptr) << "the offscreen platform has no such screen";
        QString error;
        ASSERT_TRUE(m_language.install(QString::fromLatin1(GetParam().language), &error))
            << error.toStdString();
        // Last used on a bigger monitor, centred on this screen: the window opens here.
        QSettings().clear();
        AppSettings settings = AppSettings::load();
        settings.windowGeometry = m_screen->geometry().adjusted(-100, 0, 100, 0);
        settings.save();
    }

    static inline std::unique_ptr<QTemporaryDir> s_directory;
    static inline QString s_runPath;
    QScreen *m_screen = nullptr;
    AppLanguage m_language;
};

} // namespace

TEST_P(PresenterGeometry, EveryTextFitsAndTheWindowStaysOnTheScreen) {
    MainWindow window;
    QString error;
    ASSERT_TRUE(window.openRun(s_runPath, &error)) << error.toStdString();
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    ASSERT_EQ(window.screen(), m_screen);
    expectInside(window, m_screen, "opened");

    // Slides theme and code pane at the desk: the window must not grow past the screen.
    window.setSlidesTheme(true);
    window.setCodePaneVisible(true);
    QTest::qWait(50);
    expectInside(window, m_screen, "slides theme and code pane");

    PresenterMode *presenter = window.presenter();
    presenter->setDark(true);
    presenter->setActive(true);
    QTest::qWait(100);
    EXPECT_EQ(window.geometry(), m_screen->geometry()) << "presenter mode fills the screen";
    expectInside(window, m_screen, "presenting");
    expectEveryShownTextFits(window);
    expectPlotTextsFit(window.timeline());

    CodePane *code = window.codePane();
    ASSERT_TRUE(code->isVisible());
    for (CodePane::Tab tab : {CodePane::CppTab, CodePane::PythonTab}) {
        const CodeView *view = code->view(tab);
        EXPECT_TRUE(QFontInfo(view->font()).fixedPitch())
            << "code in " << QFontInfo(view->font()).family().toStdString();
    }
    // The whole of each line is visible: nothing to scroll to sideways (a line too long for the
    // smallest legible size wraps), in type no smaller than 8 points.
    for (CodePane::Tab tab : {CodePane::CppTab, CodePane::PythonTab}) {
        code->setCurrentTab(tab);
        QTest::qWait(20);
        EXPECT_EQ(code->view(tab)->horizontalScrollBar()->maximum(), 0)
            << "a line is cut in tab " << int(tab);
    }
    EXPECT_GE(code->codePointSize(), 8);

    presenter->setActive(false);
    presenter->setDark(false);
    QTest::qWait(50);
    expectInside(window, m_screen, "after presenting");
}

// After a big run with a long strategy name the watch panel offers it for comparison: that line
// must fit the side panel, which never scrolls sideways (it once widened it past its viewport,
// cutting every strategy's description at 1920x1080).
TEST_P(PresenterGeometry, TheSidePanelNeverScrollsSideways) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    reqlanes::Run big;
    big.scenario.strategy = QStringLiteral("async-semaphore");
    big.requests.resize(100000);
    window.watchPanel()->setStrategyRun(big);
    QTest::qWait(50);
    const auto *side = window.findChild<QScrollArea *>();
    ASSERT_NE(side, nullptr);
    EXPECT_EQ(side->horizontalScrollBar()->maximum(), 0)
        << "the side panel is " << side->widget()->minimumSizeHint().width() << " px wide in "
        << side->viewport()->width();
    expectButtonFits(window.watchPanel()->withStrategyRun());
}

INSTANTIATE_TEST_SUITE_P(
    Screens, PresenterGeometry,
    ::testing::Values(ScreenCase{{1024, 768}, "en"}, ScreenCase{{1024, 768}, "ja"},
                      ScreenCase{{1280, 720}, "en"}, ScreenCase{{1280, 720}, "ja"},
                      ScreenCase{{1280, 1024}, "en"}, ScreenCase{{1280, 1024}, "ja"},
                      ScreenCase{{1920, 1080}, "en"}, ScreenCase{{1920, 1080}, "ja"}),
    [](const ::testing::TestParamInfo<ScreenCase> &info) {
        return QStringLiteral("At%1x%2_%3")
            .arg(info.param.size.width())
            .arg(info.param.size.height())
            .arg(QString::fromLatin1(info.param.language))
            .toStdString();
    });
