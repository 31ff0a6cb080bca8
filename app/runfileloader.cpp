#include "runfileloader.h"

#include "formats/fileformats.h"

#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace reqlanes {

namespace {
// Short loads never flash a dialog; a long one says what is happening within half a second.
constexpr int kShowProgressAfterMs = 400;
constexpr int kProgressEveryMs = 100;
constexpr int kProgressSteps = 1000; // thousandths of the file
} // namespace

RunFileLoader::RunFileLoader(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent) {
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &RunFileLoader::finish);
    m_progressTimer.setInterval(kProgressEveryMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &RunFileLoader::showProgress);
}

RunFileLoader::~RunFileLoader() {
    m_watcher.waitForFinished();
}

bool RunFileLoader::open(const QString &path) {
    if (isLoading())
        return false;
    m_path = path;
    // How far the reader got, in thousandths: written by the reading thread, shown by a timer
    // here. A reader that cannot say (a run file) leaves it at 0: the dialog stays a busy bar.
    auto permille = std::make_shared<std::atomic<int>>(0);
    m_permille = permille;
    m_watcher.setFuture(QtConcurrent::run([path, permille] {
        Result result;
        result.run = openRunFile(path, &result.error, [permille](qsizetype done, qsizetype total) {
            if (total > 0)
                permille->store(int(std::min<qint64>(1000, done * 1000 / total)),
                                std::memory_order_relaxed);
        });
        return result;
    }));
    m_progress = new QProgressDialog(tr("Opening %1…").arg(QFileInfo(path).fileName()), QString(),
                                     0, 0, m_dialogParent);
    m_progress->setObjectName(QStringLiteral("openProgress"));
    m_progress->setWindowTitle(tr("Opening"));
    m_progress->setCancelButton(nullptr);
    m_progress->setMinimumDuration(kShowProgressAfterMs);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setValue(0);
    m_progressTimer.start();
    return true;
}

void RunFileLoader::showProgress() {
    const int permille = m_permille ? m_permille->load(std::memory_order_relaxed) : 0;
    if (!m_progress || permille <= 0)
        return;
    if (m_progress->maximum() != kProgressSteps)
        m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(permille);
}

void RunFileLoader::waitForFinished() {
    if (!isLoading())
        return;
    m_watcher.waitForFinished();
    finish();
}

void RunFileLoader::finish() {
    if (!m_progress)
        return; // already reported (waitForFinished, then the watcher's queued signal)
    m_progressTimer.stop();
    m_progress->close();
    m_progress = nullptr;
    Result result = m_watcher.result();
    if (result.run)
        emit loaded(m_path, *result.run);
    else
        emit failed(m_path, result.error);
}

} // namespace reqlanes
