"""notebooks/explore.ipynb runs top to bottom on the seeds and shows what it promises."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return data.get("text/plain", "") + data.get("text/html", "")


def test_notebook_builds_the_seeds_queries_and_plots(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(tmp_path / "out"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel is this environment's python (jupyter_client runs a "python" kernel spec with sys.executable).
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()

    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(_text(o) for o in outputs)
    assert "衢江区政府第70次常务会议 主持: 贵青" in text
    assert "0 facts without evidence" in text
    assert "王慧杰" in text
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2, "the timeline and the most-connected charts"
    assert (tmp_path / "out" / "graph.ttl").is_file() and (tmp_path / "out" / "store").is_dir()
    assert any("graph.html" in o.get("data", {}).get("text/html", "") for o in outputs)
