// A QCoreApplication for the whole test executable, as a GoogleTest environment: the event-loop
// strategies, QNetworkAccessManager and Runner::finished() (a queued call) need one.
// Include it in exactly one .cpp per test executable.
#pragma once

#include <QCoreApplication>

#include <gtest/gtest.h>

#include <memory>

namespace reqlanes {

class QtCoreEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        static int argc = 1;
        static char name[] = "reqlanes-test";
        static char *argv[] = {name, nullptr};
        m_app = std::make_unique<QCoreApplication>(argc, argv);
    }
    void TearDown() override { m_app.reset(); }

private:
    std::unique_ptr<QCoreApplication> m_app;
};

[[maybe_unused]] inline const auto *const kQtCoreEnvironment =
    ::testing::AddGlobalTestEnvironment(new QtCoreEnvironment);

} // namespace reqlanes
