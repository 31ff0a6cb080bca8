// The scenario knobs: N, limit, timeout, the embedded server's settings, server mode and the
// target (embedded server or a URL), plus "live re-run". Holds no state beyond its widgets;
// scenario() reads them, setScenario() fills them, scenarioChanged() says one moved. The server's
// knobs are built from its settings table (server::settings(), the rows marked perScenario), with
// each row's bounds: a new per-run server setting shows up here by itself.
#pragma once

#include "model/scenario.h"
#include "serverconfig.h"

#include <QWidget>

#include <string_view>
#include <utility>
#include <vector>

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
    // easy to pick as 100,000. The server's knobs take their bounds from the settings table.
    static constexpr int kMaxRequests = limits::kMaxRequests;
    static constexpr int kMaxLimit = limits::kMaxLimit;

    explicit ControlsPanel(QWidget *parent = nullptr);

    // Everything but the strategy, which the strategy list owns.
    Scenario scenario() const;
    void setScenario(const Scenario &scenario);
    bool liveRerun() const;
    void setLiveRerun(bool on);

    SliderSpin *requestsControl() const { return m_requests; }
    SliderSpin *limitControl() const { return m_limit; }
    // The knob of the server setting `name` ("workers", "latency-ms"), or nullptr.
    SliderSpin *serverSettingControl(std::string_view name) const;
    SliderSpin *workersControl() const { return serverSettingControl("workers"); }
    SliderSpin *latencyControl() const { return serverSettingControl("latency-ms"); }

signals:
    void scenarioChanged();

private:
    void updateTargetEnabled();

    SliderSpin *m_requests;
    SliderSpin *m_limit;
    // One knob per perScenario row of server::settings(), in the table's order.
    std::vector<std::pair<const server::Setting *, SliderSpin *>> m_serverSettings;
    QComboBox *m_serverMode;
    QSpinBox *m_timeout;
    QRadioButton *m_embedded;
    QRadioButton *m_url;
    QLineEdit *m_targetUrl;
    QCheckBox *m_liveRerun;
};

} // namespace reqlanes
