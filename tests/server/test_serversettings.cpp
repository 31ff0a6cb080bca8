// The server's settings table is the one declaration of each setting: --help, the command line
// and validate() all follow it.
#include "servercommandline.h"
#include "serverconfig.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace reqlanes::server {
namespace {

TEST(ServerSettings, EveryRowIsUsableAndItsDefaultIsInRange) {
    const ServerConfig defaults;
    std::set<std::string_view> names;
    for (const Setting &setting : settings()) {
        SCOPED_TRACE(std::string(setting.name));
        EXPECT_TRUE(names.insert(setting.name).second) << "declared twice";
        EXPECT_NE(setting.intField == nullptr, setting.doubleField == nullptr);
        EXPECT_LE(setting.min, setting.max);
        EXPECT_TRUE(setting.inRange(setting.get(defaults)));
        EXPECT_EQ(findSetting(setting.name), &setting);
    }
    EXPECT_EQ(findSetting("no-such-setting"), nullptr);
    EXPECT_FALSE(settings().front().inRange(std::nan("")));
}

TEST(ServerSettings, HelpListsEachWithItsRangeAndDefault) {
    const std::string help = commandLineHelp();
    const ServerConfig defaults;
    for (const Setting &setting : settings()) {
        SCOPED_TRACE(std::string(setting.name));
        const std::size_t at = help.find("--" + std::string(setting.name) + " ");
        ASSERT_NE(at, std::string::npos);
        const std::string entry = help.substr(at, help.find("\n  --", at + 1) - at);
        EXPECT_NE(entry.find(setting.rangeText()), std::string::npos) << entry;
        EXPECT_NE(entry.find("(default " + valueText(setting.get(defaults)) + ")"),
                  std::string::npos)
            << entry;
    }
    // The generated option lines fit a terminal.
    for (std::size_t start = help.find("Options:"), end; start < help.size(); start = end + 1) {
        end = help.find('\n', start);
        if (end == std::string::npos)
            end = help.size();
        EXPECT_LE(end - start, 80u) << help.substr(start, end - start);
    }
}

TEST(ServerSettings, CommandLineAndValidateUseTheRowsBounds) {
    for (const Setting &setting : settings()) {
        SCOPED_TRACE(std::string(setting.name));
        const std::string flag = "--" + std::string(setting.name);
        EXPECT_TRUE(parseCommandLine({flag, valueText(setting.min)}).error.empty());
        EXPECT_TRUE(parseCommandLine({flag, valueText(setting.max)}).error.empty());
        EXPECT_EQ(parseCommandLine({flag, valueText(setting.max + 1)}).error,
                  std::string(setting.name) + " must be " + setting.rangeText());
    }
}

} // namespace
} // namespace reqlanes::server
