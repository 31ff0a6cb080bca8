// A file of the test's own making in a temporary folder (a script to run, a file to open):
// its path, or "" when it could not be written (the test then fails on that, not later).
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace reqlanes::testing {

inline QString writeScratchFile(const QTemporaryDir &directory, const QString &name,
                                const QByteArray &bytes) {
    if (!directory.isValid())
        return {};
    const QString path = directory.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// The same, made executable for its owner: a stand-in program a test runs.
inline QString writeScratchProgram(const QTemporaryDir &directory, const QString &name,
                                   const QByteArray &bytes) {
    const QString path = writeScratchFile(directory, name, bytes);
    if (!path.isEmpty() && !QFile::setPermissions(path, QFile::ReadOwner | QFile::ExeOwner))
        return {};
    return path;
}

} // namespace reqlanes::testing
