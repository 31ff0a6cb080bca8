// The strategies' code as shipped in the app's resources (":/reqlanes/snippets/"): one C++
// excerpt of core/strategies and one Python equivalent per strategy, with the lines each request
// activity is counted on (index.json, parsed by core's results/codelines).
#pragma once

#include "results/codelines.h"

#include <QString>

#include <optional>

namespace reqlanes {

struct Snippet {
    QString strategy;
    QString language; // "cpp" / "python"
    QString code;
    std::vector<MarkedLine> lines; // resolved: each has its 0-based line
};

class SnippetLibrary {
public:
    static constexpr const char *kIndexPath = ":/reqlanes/snippets/index.json";
    // The snippet of `strategy` in `language`; nullopt and the reason when there is none or the
    // index and the file disagree.
    static std::optional<Snippet> find(const QString &strategy, const QString &language,
                                       QString *error = nullptr);
};

} // namespace reqlanes
