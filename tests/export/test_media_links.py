"""Markdown can link each quote to its moment in the recording (off by default, so a vault
stays portable); every export carries the quote's time either way."""

from __future__ import annotations

from desktop.export import ExportOptions, collect, export
from desktop.library import Library, Position
from tests.media import sine_wav

TALK = """WEBVTT

00:00:00.000 --> 00:00:01.500
<v Ana>The harbour was quiet that morning.

00:01:14.000 --> 00:01:16.000
<v Ana>Nobody had seen the boats leave.
"""


def test_quotes_link_to_their_moment_only_when_asked_and_linked(tmp_path):
    library = Library(tmp_path / "library.sqlite")
    (tmp_path / "my talk.vtt").write_text(TALK)
    wav = sine_wav(tmp_path / "my talk.wav", seconds=1.0)
    tid = library.import_file(tmp_path / "my talk.vtt").id
    text = library.transcripts.turns(tid)[0].text
    start = text.index("Nobody")
    library.highlights.add(tid, Position(0, start), Position(0, len(text)))
    plain = export(collect(library, transcript_id=tid), "md").decode()
    assert "> — Ana, 1:14" in plain and "▶" not in plain  # the time always; the link when asked
    linked = export(collect(library, transcript_id=tid), "md", ExportOptions(media_links=True)).decode()
    uri = wav.resolve().as_uri()
    assert "%20" in uri  # the space in the name is escaped: the link stays one link
    assert f"> — Ana, 1:14 [▶ 1:14]({uri}#t=74)" in linked
    callout = export(collect(library, transcript_id=tid), "md", ExportOptions("callout", media_links=True)).decode()
    assert f"> [!quote] Ana, 1:14 [▶ 1:14]({uri}#t=74)" in callout
    library.transcripts.link_media(tid, None)
    assert "▶" not in export(collect(library, transcript_id=tid), "md", ExportOptions(media_links=True)).decode()
    library.close()
