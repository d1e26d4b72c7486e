"""Honest dependencies: every third-party module the code imports is declared in pyproject.toml, the runtime lock
(requirements.lock) holds exactly what the dashboard needs to run and no test tool, the test lock
(requirements-test.lock) pins the same versions with the same hashes, and the Docker image installs the runtime lock
and nothing else. An operator who builds the image gets no pytest or playwright in production, and a package that is
only there because something else happens to pull it in cannot vanish with an upgrade of that something.

Imports are read with ``ast`` (an import inside a function counts too); which distribution provides an import comes
from the installed metadata (``packages_distributions``), which ``make test`` installs from the test lock."""

from __future__ import annotations

import ast
import re
import shlex
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_CODE = ("ivb", "app.py", "pages")
TOOL_CODE = ("bench", "tests")
# pip and setuptools are pinned in both locks on purpose: the venv and the image install them from the lock too.
INSTALLERS = {"pip", "setuptools"}


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _declared(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def _local_names() -> set[str]:
    """Modules of this repository. The dashboard imports its own as ``ivb.…``; tests and bench scripts also import
    their neighbours by bare name (``fixtures``, ``helpers``, ``stclient``)."""
    names = {"ivb", "app", "pages", "bench", "tests"}
    for top in TOOL_CODE:
        names.update(path.stem for path in (ROOT / top).rglob("*") if path.suffix == ".py" or path.is_dir())
    return names


def _third_party_imports(tops: tuple[str, ...]) -> dict[str, set[str]]:
    """Top-level names of the third-party modules imported under ``tops``, each with the files that import it."""
    local = _local_names()
    found: dict[str, set[str]] = {}
    for top in tops:
        path = ROOT / top
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    first = name.partition(".")[0]
                    if first not in sys.stdlib_module_names and first not in local and first != "__future__":
                        found.setdefault(first, set()).add(str(file.relative_to(ROOT)))
    return found


def _undeclared(tops: tuple[str, ...], declared: set[str]) -> list[str]:
    providers = metadata.packages_distributions()
    missing = []
    for module, files in sorted(_third_party_imports(tops).items()):
        dists = {canonicalize_name(d) for d in providers.get(module, [])}
        if not dists & declared:
            missing.append(f"{module} ({', '.join(sorted(dists)) or 'not installed'}) in {', '.join(sorted(files))}")
    return missing


def _lock(name: str) -> dict[str, tuple[str, frozenset[str]]]:
    """A pip-compile lock as {distribution: (version, hashes)}."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement, _, rest = line.partition(" ")
            dist, _, version = requirement.partition("==")
            pins[canonicalize_name(dist)] = (version, frozenset(re.findall(r"--hash=(\S+)", rest)))
    return pins


def _needed_to_run() -> set[str]:
    """The runtime dependencies of pyproject.toml with everything they require in turn (extras and markers
    followed for this platform), read from the installed distributions."""
    needed: set[tuple[str, str]] = set()
    todo = [(Requirement(r), "") for r in _project()["dependencies"]]
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        for wanted in {"", *requirement.extras}:
            if (name, wanted) not in needed:
                needed.add((name, wanted))
                todo += [(Requirement(r), wanted) for r in metadata.requires(name) or []]
    return {name for name, _ in needed}


def test_every_third_party_module_the_dashboard_imports_is_a_declared_runtime_dependency():
    missing = _undeclared(RUNTIME_CODE, _declared(_project()["dependencies"]))
    assert not missing, f"imported by the dashboard but not in [project] dependencies of pyproject.toml: {missing}"


def test_every_third_party_module_the_tests_and_bench_import_is_declared():
    project = _project()
    declared = _declared(project["dependencies"]) | _declared(project["optional-dependencies"]["test"])
    missing = _undeclared(TOOL_CODE, declared)
    assert not missing, f"imported by tests/ or bench/ but declared nowhere in pyproject.toml: {missing}"


def test_the_runtime_lock_holds_what_the_dashboard_needs_and_no_test_tool():
    runtime = set(_lock("requirements.lock"))
    needed = _needed_to_run() | INSTALLERS
    tools = _declared(_project()["optional-dependencies"]["test"]) - needed
    assert tools, "the test extra names no tool of its own: this test would check nothing"
    assert not tools & runtime, f"test tools in requirements.lock: {sorted(tools & runtime)}"
    assert not runtime - needed, f"in requirements.lock but not needed to run the dashboard: {sorted(runtime - needed)}"
    assert not needed - runtime, f"needed to run the dashboard but missing from requirements.lock: {sorted(needed - runtime)}"


def test_the_test_lock_pins_the_runtime_lock_with_the_same_versions_and_hashes():
    runtime, test = _lock("requirements.lock"), _lock("requirements-test.lock")
    differing = {dist: (pin, test.get(dist)) for dist, pin in runtime.items() if test.get(dist) != pin}
    assert not differing, f"requirements.lock and requirements-test.lock disagree (version, hashes): {differing}"
    tools = _declared(_project()["optional-dependencies"]["test"])
    assert tools <= set(test), f"test tools missing from requirements-test.lock: {sorted(tools - set(test))}"
    unhashed = sorted(dist for lock in (runtime, test) for dist, (version, hashes) in lock.items() if not version or not hashes)
    assert not unhashed, f"pins without an exact version or hashes: {unhashed}"


def _instructions(dockerfile: str) -> list[str]:
    """The Dockerfile's instructions, one per line: comments dropped, continued lines joined."""
    lines = [line for line in dockerfile.splitlines() if not line.lstrip().startswith("#")]
    return [line.strip() for line in "\n".join(lines).replace("\\\n", " ").splitlines() if line.strip()]


def _pip_installs(dockerfile: str) -> list[list[str]]:
    """The arguments of every `pip install` in the Dockerfile's RUN instructions."""
    installs = []
    for instruction in _instructions(dockerfile):
        if not instruction.startswith("RUN "):
            continue
        lexer = shlex.shlex(instruction.removeprefix("RUN "), posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
        for i, word in enumerate(words[:-1]):
            if word.rsplit("/", 1)[-1] in ("pip", "pip3") and words[i + 1] == "install":
                end = next((j for j in range(i + 2, len(words)) if words[j] in ("&&", "||", ";", "|", "&")), len(words))
                installs.append(words[i + 2 : end])
    return installs


def _install_sources(args: list[str]) -> list[str]:
    """What a `pip install` installs from: requirement files, editables and named packages."""
    takes_value = {"-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target",
                   "--prefix", "--root", "--platform", "--python-version", "--progress-bar"}
    sources, words = [], iter(args)
    for word in words:
        if word in ("-r", "--requirement", "-e", "--editable"):
            sources.append(f"{word} {next(words, '')}")
        elif word.startswith(("--requirement=", "--editable=")):
            sources.append(word)
        elif word in takes_value:
            next(words, None)
        elif not word.startswith("-"):
            sources.append(word)
    return sources


def test_the_docker_image_installs_the_runtime_lock_with_hashes_and_nothing_else():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    installs = _pip_installs(dockerfile)
    assert installs, "the Dockerfile installs no Python packages with pip"
    for args in installs:
        assert _install_sources(args) == ["-r requirements.lock"], f"the image installs something other than requirements.lock: pip install {args}"
        assert "--require-hashes" in args, f"the image installs without checking hashes: pip install {args}"
    instructions = "\n".join(_instructions(dockerfile))
    assert "requirements-test.lock" not in instructions, "the Dockerfile copies or names the test lock"
    other = re.findall(r"\b(?:uv|poetry|pipx|pdm|conda|easy_install)\s+(?:pip\s+)?(?:install|add|sync)\b|setup\.py\s+install", instructions)
    assert not other, f"the Dockerfile installs Python packages another way: {other}"
