// The scenario knobs: N, limit, server workers, latency, jitter, server mode, timeout and the
// target (embedded server or a URL), plus "live re-run". Holds no state beyond its widgets;
// scenario() reads them, setScenario() fills them, scenarioChanged() says one moved.
#pragma once

#include "model/scenario.h"
#include "serverconfig.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace reqlanes {

class SliderSpin;

class ControlsPanel : public QWidget {
    Q_OBJECT
public:
    // The CLI's bounds (model/scenario.h, limits): the N slider is logarithmic, so 3 and 9 stay as
    // easy to pick as 100,000.
    static constexpr int kMaxRequests = limits::kMaxRequests;
    static constexpr int kMaxLimit = limits::kMaxLimit;
    static constexpr int kMaxWorkers = 64;
    // Latency and jitter take the embedded server's own bounds (serverconfig.h, validate()), the
    // same the command line accepts: 0 ms is a valid "no handler delay" everywhere.
    static constexpr int kMinLatencyMs = 0;
    static constexpr int kMaxLatencyMs = server::kMaxLatencyMs;

    explicit ControlsPanel(QWidget *parent = nullptr);

    // Everything but the strategy, which the strategy list owns.
    Scenario scenario() const;
    void setScenario(const Scenario &scenario);
    bool liveRerun() const;
    void setLiveRerun(bool on);

    SliderSpin *requestsControl() const { return m_requests; }
    SliderSpin *limitControl() const { return m_limit; }
    SliderSpin *workersControl() const { return m_workers; }
    SliderSpin *latencyControl() const { return m_latency; }

signals:
    void scenarioChanged();

private:
    void updateTargetEnabled();

    SliderSpin *m_requests;
    SliderSpin *m_limit;
    SliderSpin *m_workers;
    SliderSpin *m_latency;
    SliderSpin *m_jitter;
    QComboBox *m_serverMode;
    QSpinBox *m_timeout;
    QRadioButton *m_embedded;
    QRadioButton *m_url;
    QLineEdit *m_targetUrl;
    QCheckBox *m_liveRerun;
};

} // namespace reqlanes
