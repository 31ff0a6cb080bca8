#include "runfileloader.h"

#include "formats/fileformats.h"

#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace reqlanes {

namespace {
// Short loads never flash a dialog; a long one says what is happening within half a second.
constexpr int kShowProgressAfterMs = 400;
} // namespace

RunFileLoader::RunFileLoader(QWidget *dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent) {
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &RunFileLoader::finish);
}

RunFileLoader::~RunFileLoader() {
    m_watcher.waitForFinished();
}

bool RunFileLoader::open(const QString &path) {
    if (isLoading())
        return false;
    m_path = path;
    m_watcher.setFuture(QtConcurrent::run([path] {
        Result result;
        result.run = openRunFile(path, &result.error);
        return result;
    }));
    // A busy indicator: the readers parse a whole document at once, so there is no fraction to
    // show, only that the window is working and has not hung.
    m_progress = new QProgressDialog(tr("Opening %1…").arg(QFileInfo(path).fileName()), QString(),
                                     0, 0, m_dialogParent);
    m_progress->setObjectName(QStringLiteral("openProgress"));
    m_progress->setWindowTitle(tr("Opening"));
    m_progress->setCancelButton(nullptr);
    m_progress->setMinimumDuration(kShowProgressAfterMs);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setValue(0);
    return true;
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
    m_progress->close();
    m_progress = nullptr;
    Result result = m_watcher.result();
    if (result.run)
        emit loaded(m_path, *result.run);
    else
        emit failed(m_path, result.error);
}

} // namespace reqlanes
