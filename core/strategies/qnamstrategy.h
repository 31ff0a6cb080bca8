// `qnam`: Qt's own QNetworkAccessManager, all N requests issued at once. Kept to *show* its
// hidden limit: Qt 6.4 opens at most 6 connections per host, so the 7th request waits for a
// connection however many are "in flight". Not on the shared exchange path: QNAM does its own
// connecting, so phases come from its reply signals (requestSent, metaDataChanged, finished).
#pragma once

#include "run/strategy.h"

namespace reqlanes {

class QnamStrategy final : public EventLoopStrategy {
public:
    StrategyInfo info() const override;

private:
    void executeOnLoopThread(RunContext &ctx) override;
};

} // namespace reqlanes
