// The "Findings" translation context (Findings::tr), shared by the files that word findings
// (findings.cpp, recordingnotes.cpp): lupdate files their strings under it; the app installs a
// translator, the CLI has none and stays English.
#pragma once

#include <QCoreApplication>

struct Findings {
    Q_DECLARE_TR_FUNCTIONS(Findings)
};
