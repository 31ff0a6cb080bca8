// Every app test executable needs one QApplication for its whole life (widgets, QPixmap,
// offscreen platform) and must not read or write the user's real settings. Include this header
// once per test file: it registers a gtest Environment that provides both.
#pragma once

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

#include <gtest/gtest.h>

#include <memory>

namespace reqlanes::testing {

class AppTestEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty()
                                       ? QByteArray("offscreen")
                                       : qgetenv("QT_QPA_PLATFORM"));
        static int argc = 1;
        static char name[] = "reqlanes-app-test";
        static char *argv[] = {name, nullptr};
        m_app = std::make_unique<QApplication>(argc, argv);
        // QSettings go to a throwaway test location, one file per process: CTest runs test
        // cases of several executables at once, and they must not see each other's settings.
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("reqlanes-tests"));
        QApplication::setApplicationName(
            QStringLiteral("reqlanes-test-%1").arg(QApplication::applicationPid()));
        QSettings().clear();
    }
    void TearDown() override {
        {
            QSettings settings;
            settings.clear();
            settings.sync();
            QFile::remove(settings.fileName());
        }
        m_app.reset();
    }

private:
    std::unique_ptr<QApplication> m_app;
};

[[maybe_unused]] inline const auto *const kAppTestEnvironment =
    ::testing::AddGlobalTestEnvironment(new AppTestEnvironment);

} // namespace reqlanes::testing
