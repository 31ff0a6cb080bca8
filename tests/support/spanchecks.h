// Checks on what the timeline draws (core's TimelineSpans), shared by the span and lane tests.
#pragma once

#include "results/timelinespans.h"

#include <gtest/gtest.h>

#include <vector>

namespace reqlanes {

// Every span of one kind, over all rows.
inline std::vector<Span> spansOfKind(const TimelineSpans &spans, SpanKind kind) {
    std::vector<Span> found;
    for (const TimelineRow &row : spans.rows)
        for (const Span &span : row.spans)
            if (span.kind == kind)
                found.push_back(span);
    return found;
}

// Within a row nothing overlaps: the painter's binary search relies on it.
inline void expectRowsDoNotOverlap(const TimelineSpans &spans) {
    for (const TimelineRow &row : spans.rows) {
        for (std::size_t i = 1; i < row.spans.size(); ++i)
            EXPECT_LE(row.spans[i - 1].end, row.spans[i].start + 1e-9);
        for (std::size_t i = 1; i < row.bars.size(); ++i)
            EXPECT_LE(row.bars[i - 1].end, row.bars[i].start + 1e-9);
    }
}

} // namespace reqlanes
