"""pdfium is not thread-safe: PDFs read from several threads at once (as on a Dask worker with
several threads) must neither crash the process nor change any result.  Without the process-wide
pdfium lock this test fails with spurious "damaged PDF" errors or a segmentation fault."""
from __future__ import annotations

import threading
from pathlib import Path

import policyparse
from policyparse.ingest.pdf import reader as pdf

PDFS = sorted((Path(__file__).parent / "golden_pdf").glob("*.pdf"))


def _in_threads(job, inputs: list, threads: int = 6, rounds: int = 3) -> list[list]:
    """Each thread runs ``job`` over ``inputs`` ``rounds`` times, starting at its own offset;
    the results (or exceptions) per thread, in input order."""
    results: list[list] = [[] for _ in range(threads)]
    start = threading.Barrier(threads)

    def run(k: int) -> None:
        start.wait()
        for _ in range(rounds):
            for i in range(len(inputs)):
                item = inputs[(i + k) % len(inputs)]
                try:
                    results[k].append((item, job(item)))
                except Exception as exc:  # noqa: BLE001 - the test reports what a thread met
                    results[k].append((item, repr(exc)))

    workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results


def test_pdf_pages_read_from_many_threads_at_once_match_a_sequential_read():
    assert len(PDFS) >= 8
    datas = [path.read_bytes() for path in PDFS]
    expected = {data: pdf.read_pages(data, "x.pdf") for data in datas}
    for per_thread in _in_threads(lambda data: pdf.read_pages(data, "x.pdf"), datas):
        assert all(got == expected[data] for data, got in per_thread)


def test_whole_parses_from_several_threads_are_byte_identical():
    chosen = PDFS[::8]
    expected = {path: policyparse.parse(path).model_dump_json() for path in chosen}
    for per_thread in _in_threads(lambda path: policyparse.parse(path).model_dump_json(), chosen,
                                  threads=4, rounds=1):
        assert all(got == expected[path] for path, got in per_thread)
