"""Patches applied when a traced library is imported (and at once if it already was).

Each patch wraps a library function and records events through `events.channel`; it never
changes what the function returns or raises. Libraries the script does not import are never
imported by the tracer.
"""

import importlib.abc
import importlib.util
import sys

_patchers = {}  # module name -> function(module)
_patched = set()


def when_imported(name):
    def register(patcher):
        _patchers[name] = patcher
        if name in sys.modules:
            _apply(name, sys.modules[name])
        return patcher

    return register


def _apply(name, module):
    if name in _patched:
        return
    _patched.add(name)
    try:
        _patchers[name](module)
    except Exception as error:  # a library version we do not know: run untraced, say so once
        print(f"reqlanes_trace: not tracing {name}: {error!r}", file=sys.stderr)


class _PostImportFinder(importlib.abc.MetaPathFinder):
    """Lets the real finder load a module, then patches it before anyone uses it."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in _patchers or fullname in _patched:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            _apply(fullname, module)

        spec.loader = _Loader(loader, exec_and_patch)
        return spec


class _Loader(importlib.abc.Loader):
    def __init__(self, loader, exec_module):
        self._loader = loader
        self._exec_module = exec_module

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._exec_module(module)

    def __getattr__(self, name):  # get_resource_reader, is_package...
        return getattr(self._loader, name)


def install():
    if not any(isinstance(finder, _PostImportFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PostImportFinder())
