"""The benchmark harness's bookkeeping (the timings themselves run with `make bench`)."""

from __future__ import annotations

import json

from tests.bench.harness import Figure, table, timed


def test_figures_report_median_ratio_and_target():
    fast = Figure("search", [0.004, 0.002, 0.003, 0.010, 0.001], baseline=0.001, target=0.05)
    slow = Figure("open", [2.0, 1.5, 1.8, 1.9, 2.2], baseline=0.5, target=1.0)
    memory = Figure("memory", [250.0], baseline=100.0, target=400, unit="MB")
    untargeted = Figure("start-up", [0.4] * 5, baseline=0.1, target=None)
    assert (fast.median, fast.ratio, fast.ok) == (0.003, 3.0, True)
    assert (slow.median, slow.ok) == (1.9, False) and untargeted.ok
    record = json.loads(json.dumps(slow.as_json()))
    assert {k: record[k] for k in ("median", "min", "max", "baseline", "target", "ok")} == {
        "median": 1.9, "min": 1.5, "max": 2.2, "baseline": 0.5, "target": 1.0, "ok": False
    }  # fmt: skip
    assert record["ratio"] == 3.8
    text = table([fast, slow, memory, untargeted])
    assert "| open | 1900.0 ms | 1500.0 ms | 2200.0 ms | 500.0 ms | 3.80× | ≤ 1000.0 ms | **no** |" in text
    assert "| memory | 250 MB |" in text and "| start-up |" in text and "| — | yes |" in text


def test_a_ratio_figure_shows_as_a_ratio():
    size = Figure("file ÷ text", [1.74], baseline=1.0, target=1.5, unit="×")
    assert "| file ÷ text | 1.74× | 1.74× | 1.74× | 1.00× | 1.74× | ≤ 1.50× | **no** |" in table([size])


def test_timed_runs_the_action_each_time():
    calls = []
    assert len(timed(lambda: calls.append(1), 5)) == 5 and len(calls) == 5


def test_the_scale_texts_are_what_the_issue_names():
    from tests.bench.scale import hundred_hours, with_curly_quotes_and_emoji

    text = hundred_hours()
    assert 12e6 < len(text.encode()) < 15e6  # 100 seeds: about 13 MB
    odd = with_curly_quotes_and_emoji(text[:20_000])
    assert "'" not in odd and "\u2019" in odd and "🎙️" in odd
    assert odd.replace(" 🎙️", "").replace("\u2019", "'") == text[:20_000]  # no word lost or moved
