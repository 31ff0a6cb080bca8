#include "controlspanel.h"

#include "sliderspin.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace reqlanes {

ControlsPanel::ControlsPanel(QWidget *parent)
    : QWidget(parent)
    , m_requests(new SliderSpin(1, kMaxRequests, 3, {}, this))
    , m_limit(new SliderSpin(1, 3, 3, {}, this))
    , m_workers(new SliderSpin(1, kMaxWorkers, 3, {}, this))
    , m_latency(new SliderSpin(kMinLatencyMs, kMaxLatencyMs, 1000, tr(" ms"), this))
    , m_jitter(new SliderSpin(kMinLatencyMs, kMaxLatencyMs, 0, tr(" ms"), this))
    , m_serverMode(new QComboBox(this))
    , m_timeout(new QSpinBox(this))
    , m_embedded(new QRadioButton(tr("embedded slow server"), this))
    , m_url(new QRadioButton(tr("URL:"), this))
    , m_targetUrl(new QLineEdit(this))
    , m_liveRerun(new QCheckBox(tr("Live re-run when a setting changes"), this)) {
    m_requests->setObjectName(QStringLiteral("requests"));
    m_limit->setObjectName(QStringLiteral("limit"));
    m_workers->setObjectName(QStringLiteral("workers"));
    m_latency->setObjectName(QStringLiteral("latency"));
    m_jitter->setObjectName(QStringLiteral("jitter"));
    m_serverMode->addItem(tr("sync workers"), int(ServerMode::Sync));
    m_serverMode->addItem(tr("async"), int(ServerMode::Async));
    m_serverMode->setToolTip(
        tr("sync: each worker serves one request at a time; async: all requests overlap"));
    m_timeout->setRange(100, limits::kMaxTimeoutMs);
    m_timeout->setSingleStep(1000);
    m_timeout->setValue(30000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setKeyboardTracking(false);
    m_embedded->setChecked(true);
    m_targetUrl->setPlaceholderText(tr("http://127.0.0.1:8080/"));
    m_limit->setToolTip(tr("Semaphore / pool size, for the strategies that use one"));

    auto *client = new QGroupBox(tr("Client"), this);
    auto *clientForm = new QFormLayout(client);
    clientForm->addRow(tr("Requests (N)"), m_requests);
    clientForm->addRow(tr("Limit"), m_limit);
    clientForm->addRow(tr("Timeout"), m_timeout);

    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(m_embedded);
    serverForm->addRow(tr("Workers"), m_workers);
    serverForm->addRow(tr("Latency"), m_latency);
    serverForm->addRow(tr("Jitter"), m_jitter);
    serverForm->addRow(tr("Mode"), m_serverMode);
    serverForm->addRow(m_url, m_targetUrl);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(client);
    layout->addWidget(server);
    layout->addWidget(m_liveRerun);

    // The limit can never exceed N (nor the CLI's bound): its slider's range follows N.
    connect(m_requests, &SliderSpin::valueChanged, m_limit,
            [this](int n) { m_limit->setMaximum(std::min(n, kMaxLimit)); });
    for (SliderSpin *knob : {m_requests, m_limit, m_workers, m_latency, m_jitter})
        connect(knob, &SliderSpin::valueChanged, this, &ControlsPanel::scenarioChanged);
    connect(m_serverMode, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &ControlsPanel::scenarioChanged);
    connect(m_timeout, qOverload<int>(&QSpinBox::valueChanged), this,
            &ControlsPanel::scenarioChanged);
    connect(m_url, &QRadioButton::toggled, this, [this] {
        updateTargetEnabled();
        emit scenarioChanged();
    });
    connect(m_targetUrl, &QLineEdit::editingFinished, this, &ControlsPanel::scenarioChanged);
    updateTargetEnabled();
}

Scenario ControlsPanel::scenario() const {
    Scenario scenario;
    scenario.n = m_requests->value();
    scenario.limit = std::min(m_limit->value(), scenario.n);
    scenario.timeoutMs = m_timeout->value();
    scenario.server.workers = m_workers->value();
    scenario.server.latencyMs = m_latency->value();
    scenario.server.jitterMs = m_jitter->value();
    scenario.server.mode = ServerMode(m_serverMode->currentData().toInt());
    if (m_url->isChecked())
        scenario.targetUrl = m_targetUrl->text().trimmed();
    return scenario;
}

void ControlsPanel::setScenario(const Scenario &scenario) {
    {
        const QSignalBlocker block(this); // one scenarioChanged at the end, not one per knob
        m_requests->setValue(std::clamp(scenario.n, 1, kMaxRequests));
        m_limit->setMaximum(std::min(m_requests->value(), kMaxLimit));
        m_limit->setValue(std::clamp(scenario.limit, 1, m_limit->maximum()));
        m_timeout->setValue(scenario.timeoutMs);
        m_workers->setValue(std::clamp(scenario.server.workers, 1, kMaxWorkers));
        m_latency->setValue(std::clamp(scenario.server.latencyMs, kMinLatencyMs, kMaxLatencyMs));
        m_jitter->setValue(std::clamp(scenario.server.jitterMs, kMinLatencyMs, kMaxLatencyMs));
        m_serverMode->setCurrentIndex(m_serverMode->findData(int(scenario.server.mode)));
        m_targetUrl->setText(scenario.targetUrl);
        (scenario.usesEmbeddedServer() ? m_embedded : m_url)->setChecked(true);
        updateTargetEnabled();
    }
    emit scenarioChanged();
}

bool ControlsPanel::liveRerun() const {
    return m_liveRerun->isChecked();
}

void ControlsPanel::setLiveRerun(bool on) {
    m_liveRerun->setChecked(on);
}

void ControlsPanel::updateTargetEnabled() {
    const bool embedded = !m_url->isChecked();
    m_targetUrl->setEnabled(!embedded);
    for (QWidget *knob :
         std::initializer_list<QWidget *>{m_workers, m_latency, m_jitter, m_serverMode})
        knob->setEnabled(embedded);
}

} // namespace reqlanes
