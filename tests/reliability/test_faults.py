"""Faults, met as a user meets them: builds killed, two builds into one folder, a full disk,
a read-only folder, --out naming a file. Each ends in one line and a non-zero exit, the
previous outputs intact, and a rebuild equal to a clean build."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from tests.reliability.corpus import write_corpus
from tests.reliability.test_inputs import without_root_reading
from tests.reliability.user import kg, one_line_each, people, start_kg

BUILD = ("--no-view", "--format", "turtle", "--format", "nt")


def outputs_of(out: Path) -> dict[str, object]:
    """What a reader of OUT gets: graph.nt's bytes, graph.ttl's bytes, and the store's triples."""
    store = ox.Store.read_only(str(out / "store"))
    return {"nt": (out / "graph.nt").read_bytes(), "ttl": (out / "graph.ttl").read_bytes(),
            "store": sorted(str(q) for q in store.quads_for_pattern(None, None, None))}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name != ".lock")


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def gone(pids: set[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1][:3]
                   for pid in pids):
            return True
        time.sleep(0.1)
    return False


def wait_for(condition, within: float = 120) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """A corpus of 12 pages and what a clean build of it gives."""
    root = tmp_path_factory.mktemp("clean")
    corpus = write_corpus(root / "paper", 12)
    result = kg("build", corpus, "--out", root / "out", *BUILD, "-j", "2")
    assert result.returncode == 0, result.stderr
    return corpus, outputs_of(root / "out")


# Moments to kill at: extracting (the first shard written), writing the outputs (the union
# being made), loading the store (its new folder made).
MOMENTS = {
    "extracting": lambda out: any((out / "shards").glob("*.nt")),
    "writing": lambda out: any(out.glob(".union.*")),
    "storing": lambda out: any(out.glob(".store.new-*")),
}


@pytest.mark.parametrize("moment", MOMENTS)
def test_faults_kill_9_then_rebuild_equals_clean(tmp_path: Path, clean, moment: str) -> None:
    """kill -9 of a build at three moments of an incremental build (half the corpus built
    before); its workers end with it; the next build removes what it left and equals a clean build."""
    corpus, expected = clean
    half = tmp_path / "paper"
    half.mkdir()
    for page in sorted(corpus.iterdir())[:6]:
        (half / page.name).write_bytes(page.read_bytes())
    out = tmp_path / "out"
    assert kg("build", half, "--out", out, *BUILD, "-j", "1").returncode == 0
    for page in sorted(corpus.iterdir())[6:]:
        (half / page.name).write_bytes(page.read_bytes())
    for shard in (out / "shards").glob("*.nt"):
        shard.rename(shard.with_suffix(".old"))  # so that "extracting" sees this build's first shard
    build = start_kg("build", half, "--out", out, *BUILD, "-j", "2")
    try:
        reached = wait_for(lambda: MOMENTS[moment](out) or build.poll() is not None)
        workers = children(build.pid)
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
    finally:
        if build.poll() is None:
            build.kill()
    assert reached
    if build.returncode != -signal.SIGKILL:
        pytest.fail(f"the build ended before the moment {moment!r}: {build.returncode}")
    assert gone(workers, within=10), "workers outlived the build"
    for shard in (out / "shards").glob("*.old"):
        shard.rename(shard.with_suffix(".nt"))

    result = kg("build", half, "--out", out, *BUILD, "-j", "2")
    assert result.returncode == 0, result.stderr
    assert leftovers(out) == []
    got = outputs_of(out)
    assert got["nt"] == expected["nt"].replace(str(corpus).encode(), str(half).encode())
    assert len(got["store"]) == len(expected["store"])


def test_faults_second_build_into_a_locked_folder_stops_with_one_line(tmp_path: Path) -> None:
    """Two builds into one --out: one lost its graph silently although it printed success,
    or both died on their shared .union.nt."""
    a = write_corpus(tmp_path / "a", 2)
    b = write_corpus(tmp_path / "b", 2, start=100)
    out = tmp_path / "out"
    assert kg("build", a, "--out", out, *BUILD, "-j", "1").returncode == 0
    before = outputs_of(out)
    fd = os.open(out / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a build running into OUT holds it
        result = kg("build", b, "--out", out, *BUILD, "-j", "1")
    finally:
        os.close(fd)
    assert result.returncode == 1
    assert one_line_each(result.stderr) == [f"kg build: {out}: another kg build is writing this folder; wait for it to end, or give another --out"]
    assert result.stdout == ""
    assert outputs_of(out) == before


def test_faults_two_builds_at_once_the_folder_holds_what_succeeded(tmp_path: Path) -> None:
    a = write_corpus(tmp_path / "a", 3)
    b = write_corpus(tmp_path / "b", 3, start=100)
    out = tmp_path / "out"
    builds = [start_kg("build", folder, "--out", out, *BUILD, "-j", "1") for folder in (a, b)]
    ended = []
    while len(ended) < 2:
        for build in builds:
            if build not in ended and build.poll() is not None:
                ended.append(build)
        time.sleep(0.02)
    results = {build: build.communicate() for build in builds}
    succeeded = [build for build in ended if build.returncode == 0]
    assert succeeded
    for build in builds:
        one_line_each(results[build][1])
        if build.returncode:
            assert "another kg build is writing this folder" in results[build][1]
    last = succeeded[-1]
    own = {builds[0]: {"赵立新", "孙立新"}, builds[1]: {"周国栋", "郑国栋"}}  # district heads of one corpus alone
    other = builds[1] if last is builds[0] else builds[0]
    names = people(out / "graph.ttl")
    assert own[last] <= names and not own[other] & names
    assert f"→ {out}" in results[last][0]


@pytest.fixture
def small_disk(tmp_path: Path):
    """A folder on a full file system: a 4 MB tmpfs as root; else writes past 256 kB refused
    (RLIMIT_FSIZE), as a full disk refuses them."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)]).returncode == 0:
        yield folder, None
        subprocess.run(["umount", "-l", str(folder)], check=False)
        return

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))

    yield folder, limit


def test_faults_full_disk_one_line_and_the_previous_outputs_kept(tmp_path: Path, small_disk) -> None:
    """A full disk gave a traceback."""
    disk, limit = small_disk
    out = disk / "out"
    first = write_corpus(tmp_path / "first", 2)
    assert kg("build", first, "--out", out, *BUILD, "-j", "1").returncode == 0
    before = outputs_of(out)
    if limit is None:  # fill the disk
        with open(disk / "filler", "wb", buffering=0) as f:  # unbuffered: closing it has nothing left to flush
            try:
                while True:
                    f.write(b"\0" * 65536)
            except OSError:
                pass
    more = write_corpus(tmp_path / "more", 10, start=200)
    result = kg("build", first, more, "--out", out, *BUILD, "-j", "1", preexec_fn=limit)
    assert result.returncode == 1
    (line,) = one_line_each(result.stderr)
    assert line.startswith("kg build: ") and ("No space left" in line or "too large" in line) and "previous outputs" in line
    assert outputs_of(out) == before
    Graph().parse(out / "graph.ttl", format="turtle")  # and rdflib reads it


def test_faults_read_only_folder_one_line_and_the_previous_outputs_kept(tmp_path: Path) -> None:
    """A read-only --out gave a traceback. (As root, the build runs without root's power to write anywhere.)"""
    out = tmp_path / "out"
    first = write_corpus(tmp_path / "first", 2)
    assert kg("build", first, "--out", out, *BUILD, "-j", "1").returncode == 0
    before = outputs_of(out)
    more = write_corpus(tmp_path / "more", 2, start=200)
    for folder in (out, out / "shards"):
        os.chmod(folder, 0o555)
    try:
        result = kg("build", first, more, "--out", out, *BUILD, "-j", "1",
                    preexec_fn=without_root_reading if os.geteuid() == 0 else None)
    finally:
        for folder in (out, out / "shards"):
            os.chmod(folder, 0o755)
    assert result.returncode == 1
    (line,) = one_line_each(result.stderr)
    assert "Permission denied" in line and str(out) in line
    assert outputs_of(out) == before
    Graph().parse(out / "graph.ttl", format="turtle")


def test_faults_out_naming_a_file(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "first", 1)
    out = tmp_path / "graph.ttl"
    out.write_text("mine\n", encoding="utf-8")
    result = kg("build", first, "--out", out, "-j", "1")
    assert result.returncode == 1
    assert one_line_each(result.stderr) == [f"kg build: {out}: --out names a file, not a folder; give a folder (it is made if missing)"]
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_faults_next_build_removes_what_an_interrupted_one_left(tmp_path: Path) -> None:
    """.store.new-*, .union.nt and .graph.*.tmp stayed behind after a kill."""
    first = write_corpus(tmp_path / "first", 1)
    out = tmp_path / "out"
    assert kg("build", first, "--out", out, *BUILD, "-j", "1").returncode == 0
    (out / ".union.nt").write_text("<a> <b> <c> .\n")
    (out / ".union.x1y2.nt.files").write_text("x")
    (out / ".graph.ttl.abc123.tmp").write_text("half")
    (out / ".store.new-abc").mkdir()
    (out / ".store.new-abc" / "000001.sst").write_text("half")
    (out / ".manifest.json.q1.tmp").write_text("{")
    result = kg("build", first, "--out", out, *BUILD, "-j", "1")
    assert result.returncode == 0, result.stderr
    assert leftovers(out) == []


def test_faults_outputs_of_a_build_cut_short_are_refused_on_open(tmp_path: Path) -> None:
    """After kill -9 in the last stage, graph.ttl was the new build's and store/ the old one's,
    and kg query answered from either. Now the manifest, written last, names the finished
    build's outputs, and kg query, kg serve and kg view refuse one that is not among them."""
    import shutil

    first = write_corpus(tmp_path / "first", 1)
    out = tmp_path / "out"
    assert kg("build", first, "--out", out, *BUILD, "-j", "1").returncode == 0
    assert kg("query", out / "graph.ttl", "SELECT * { ?s ?p ?o } LIMIT 1").returncode == 0
    # What a build killed after replacing graph.ttl and before the store and the manifest leaves:
    second = tmp_path / "second"
    assert kg("build", write_corpus(tmp_path / "more", 1, start=300), "--out", second, *BUILD, "-j", "1").returncode == 0
    shutil.copy(second / "graph.ttl", out / ".graph.ttl.tmp")
    os.replace(out / ".graph.ttl.tmp", out / "graph.ttl")
    for command in (("query", out / "graph.ttl", "SELECT * { ?s ?p ?o } LIMIT 1"), ("view", out / "graph.ttl", "--out", tmp_path / "v.html")):
        result = kg(*command)
        assert result.returncode != 0
        (line,) = one_line_each(result.stderr)
        assert "did not finish" in line and "build again" in line
    assert kg("query", out / "store", "SELECT * { ?s ?p ?o } LIMIT 1").returncode == 0  # the finished build's store
    # ... and a store swapped in by a build cut short before its manifest:
    shutil.rmtree(out / "store")
    shutil.copytree(second / "store", out / "store")
    result = kg("query", out / "store", "SELECT * { ?s ?p ?o } LIMIT 1")
    assert result.returncode != 0 and "did not finish" in result.stderr
    # The next build makes the folder whole again.
    result = kg("build", first, "--out", out, *BUILD, "-j", "1")
    assert result.returncode == 0, result.stderr
    for graph in (out / "graph.ttl", out / "store"):
        assert kg("query", graph, "SELECT * { ?s ?p ?o } LIMIT 1").returncode == 0
