"""Speech-to-text services' JSON and Whisper inside job records, from fixtures in each
service's own layout: speakers, turns, times, word times, and every word once, in order."""

from __future__ import annotations

import json

import pytest

from desktop.formats import FORMATS, FormatError, parse, parse_file
from desktop.formats.jsonformats import json_format, load_json, parse_json
from tests.conftest import FIXTURES
from tests.formats.test_seeds import turn_words

HARBOUR_STARTS = [0.04, 3.9, 6.2, 8.75]


def source_words(name: str) -> list[str]:
    """The words of the transcript text the service wrote beside its timed data."""
    value = json.loads((FIXTURES / name).read_text())
    if "results" in value and isinstance(value["results"], dict) and "channels" in value["results"]:
        return value["results"]["channels"][0]["alternatives"][0]["transcript"].split()
    if "results" in value:
        return value["results"]["transcripts"][0]["transcript"].split()
    if "response" in value:
        texts = [r["alternatives"][0].get("transcript", "") for r in value["response"]["results"]]
        return " ".join(texts).split()
    if "Transcript" in value:
        return " ".join(entry["Content"] for entry in value["Transcript"]).split()
    if "output" in value:
        return value["output"]["transcription"].split()
    return value["text"].split()


def pieces_of(name: str):
    value = load_json((FIXTURES / name).read_text())
    return parse_json(value, json_format(value))


def word_time(pieces, word: str) -> tuple[float | None, float | None]:
    """The times of the first timed word that reads `word` (punctuation aside)."""
    for piece in pieces:
        for text, start, end in piece.words:
            if text.strip(".,?!").lower() == word.lower():
                return start, end
    raise AssertionError(f"no word time for {word!r}")


def assert_word_times_follow_the_text(pieces) -> None:
    """Each piece's word times name words of its text, in order (the turn builder's contract)."""
    for piece in pieces:
        position = 0
        for text, _, _ in piece.words:
            found = piece.text.find(text, position)
            assert found >= 0, (text, piece.text)
            position = found + len(text)


CASES = {
    "amazon-transcribe.json": ("amazon-transcribe-json", ["spk_0", "spk_1"], HARBOUR_STARTS),
    "amazon-transcribe-segments.json": ("amazon-transcribe-json", ["spk_0", "spk_1"], HARBOUR_STARTS),
    "amazon-call-analytics.json": ("amazon-call-analytics-json", ["AGENT", "CUSTOMER"], [0.52, 4.1, 9.02]),
    "deepgram.json": ("deepgram-json", ["Speaker 0", "Speaker 1"], HARBOUR_STARTS),
    "deepgram-utterances.json": ("deepgram-json", ["Speaker 0", "Speaker 1"], HARBOUR_STARTS),
    "assemblyai.json": ("assemblyai-json", ["Speaker A", "Speaker B"], HARBOUR_STARTS),
    "google-diarized.json": ("google-speech-json", ["Speaker 1", "Speaker 2"], HARBOUR_STARTS),
    "replicate-whisper.json": ("whisper-json", [], [0.0]),
    "openai-verbose.json": ("whisper-json", [], [0.0]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_service_json_gives_its_speakers_turns_and_times(name):
    fmt, speakers, starts = CASES[name]

    transcript = parse_file(FIXTURES / name)

    assert transcript.format == fmt and fmt in FORMATS
    assert transcript.speakers == speakers
    assert [t.start for t in transcript.turns] == starts
    assert [t.index for t in transcript.turns] == list(range(len(starts)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_word_is_lost_duplicated_or_reordered(name):
    assert turn_words(parse_file(FIXTURES / name)) == source_words(name)


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("name_given", ["transcript.txt", "download"])
def test_content_not_the_name_decides(name, name_given):
    assert parse((FIXTURES / name).read_bytes(), name_given).format == CASES[name][0]


@pytest.mark.parametrize(
    ("name", "word", "times"),
    [
        ("amazon-transcribe.json", "Ines", (5.3, 5.58)),
        ("amazon-transcribe-segments.json", "Ines", (5.3, 5.58)),
        ("amazon-call-analytics.json", "March", (8.28, 8.6)),
        ("deepgram.json", "Ines", (5.3, 5.58)),
        ("deepgram-utterances.json", "Ines", (5.3, 5.58)),
        ("assemblyai.json", "Ines", (5.3, 5.58)),
        ("google-diarized.json", "Ines", (5.3, 5.58)),
        ("openai-verbose.json", "Ines", (5.3, 5.58)),
    ],
)
def test_word_times_are_kept_in_seconds(name, word, times):
    pieces = pieces_of(name)
    assert word_time(pieces, word) == times
    assert_word_times_follow_the_text(pieces)


def test_amazon_punctuation_joins_the_word_before_without_a_space():
    turns = parse_file(FIXTURES / "amazon-transcribe.json").turns
    assert turns[0].text == "Welcome back to the harbour podcast. Today, tides."
    assert word_time(pieces_of("amazon-transcribe.json"), "podcast") == (1.86, 2.26)


def test_amazon_audio_segments_are_the_segments():
    pieces = pieces_of("amazon-transcribe-segments.json")
    assert [(p.speaker, p.start, p.end) for p in pieces] == [
        ("spk_0", 0.04, 3.02), ("spk_1", 3.9, 5.58), ("spk_0", 6.2, 8.52), ("spk_1", 8.75, 11.65)
    ]  # fmt: skip
    assert [len(p.words) for p in pieces] == [8, 5, 7, 8]


def test_amazon_audio_segments_missing_a_word_give_way_to_the_items():
    value = json.loads((FIXTURES / "amazon-transcribe-segments.json").read_text())
    value["results"]["audio_segments"].pop()  # the last turn's words are in no audio segment
    transcript = parse(json.dumps(value).encode(), "x.json")
    assert turn_words(transcript) == source_words("amazon-transcribe-segments.json")
    assert transcript.speakers == ["spk_0", "spk_1"]


def test_amazon_channel_labels_name_speakers_when_there_are_no_speaker_labels():
    def item(word, start):
        return {"start_time": start, "end_time": start, "alternatives": [{"content": word}], "type": "pronunciation"}

    results = {
        "transcripts": [{"transcript": "Hello there"}],
        "channel_labels": {
            "channels": [
                {"channel_label": "ch_0", "items": [item("Hello", "0.1")]},
                {"channel_label": "ch_1", "items": [item("there", "0.9")]},
            ],
            "number_of_channels": 2,
        },
        "items": [item("Hello", "0.1"), item("there", "0.9")],
    }
    transcript = parse(json.dumps({"results": results}).encode(), "x.json")
    assert [(t.speaker, t.text) for t in transcript.turns] == [("ch_0", "Hello"), ("ch_1", "there")]


def test_amazon_output_with_no_items_keeps_its_transcript_text():
    data = {"results": {"transcripts": [{"transcript": "Only the text here."}], "items": []}}
    assert [t.text for t in parse(json.dumps(data).encode(), "x.json").turns] == ["Only the text here."]


def test_google_diarized_words_are_read_once_from_the_last_result():
    pieces = pieces_of("google-diarized.json")
    words = [w for p in pieces for w, _, _ in p.words]
    assert len(words) == len(source_words("google-diarized.json")) == 28
    assert [p.speaker for p in pieces][:3] == ["Speaker 1", "Speaker 1", "Speaker 2"]


def test_google_v2_offsets_labels_and_duration_objects():
    words = [
        {"startOffset": "0s", "endOffset": "0.400s", "word": "Morning,", "speakerLabel": "1"},
        {"startOffset": {"seconds": "1", "nanos": 200000000}, "endOffset": {"seconds": 2}, "word": "all.",
         "speakerLabel": "1"},
        {"startOffset": 2.5, "endOffset": 3, "word": "Hi.", "speakerLabel": "2"},
    ]  # fmt: skip
    data = {"results": [{"alternatives": [{"transcript": "Morning, all. Hi.", "words": words}]}]}
    value = json.loads(json.dumps(data))

    transcript = parse(json.dumps(value).encode(), "x.json")

    assert [(t.speaker, t.start, t.text) for t in transcript.turns] == [
        ("Speaker 1", 0.0, "Morning, all."),
        ("Speaker 2", 2.5, "Hi."),
    ]
    assert word_time(parse_json(value, "google-speech-json"), "all") == (1.2, 2.0)


def test_google_results_without_words_give_their_transcripts():
    data = {"results": [
        {"alternatives": [{"transcript": "first part", "confidence": 0.9}], "resultEndTime": "2.5s"},
        {"alternatives": [{"transcript": " and the second"}], "resultEndTime": "4s"},
    ]}  # fmt: skip
    transcript = parse(json.dumps(data).encode(), "x.json")
    assert turn_words(transcript) == ["first", "part", "and", "the", "second"]
    assert transcript.turns[-1].end == 4.0


def test_deepgram_words_without_paragraphs_or_utterances_become_sentences():
    value = json.loads((FIXTURES / "deepgram-utterances.json").read_text())
    del value["results"]["utterances"]

    transcript = parse(json.dumps(value).encode(), "x.json")

    assert transcript.speakers == ["Speaker 0", "Speaker 1"]
    assert [t.start for t in transcript.turns] == HARBOUR_STARTS
    assert turn_words(transcript) == source_words("deepgram-utterances.json")


def test_deepgram_channels_are_interleaved_by_time_and_named():
    def channel(words):
        return {"alternatives": [{"transcript": " ".join(w for w, _ in words),
                                  "words": [{"word": w, "start": s, "end": s + 0.5} for w, s in words]}]}  # fmt: skip

    data = {"results": {"channels": [channel([("Hello.", 0.0), ("Bye.", 4.0)]), channel([("Hi.", 2.0)])]}}
    transcript = parse(json.dumps(data).encode(), "x.json")
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("Channel 0", "Hello."),
        ("Channel 1", "Hi."),
        ("Channel 0", "Bye."),
    ]


def test_assemblyai_words_with_speakers_when_there_are_no_utterances():
    value = json.loads((FIXTURES / "assemblyai.json").read_text())
    value["utterances"] = None
    transcript = parse(json.dumps(value).encode(), "x.json")
    assert transcript.speakers == ["Speaker A", "Speaker B"]
    assert [t.start for t in transcript.turns] == HARBOUR_STARTS
    assert turn_words(transcript) == source_words("assemblyai.json")


def test_assemblyai_text_alone_is_read():
    data = {"id": "x", "status": "completed", "audio_url": "https://example.org/a.mp3", "text": "Just words.",
            "words": [], "utterances": None}  # fmt: skip
    assert [t.text for t in parse(json.dumps(data).encode(), "x.json").turns] == ["Just words."]


@pytest.mark.parametrize("wrapper", ["output", "result", "transcription", "prediction/output"])
def test_whisper_segments_are_found_inside_a_job_record(wrapper):
    segments = [{"start": 1.5, "end": 2.0, "text": " Found me."}]
    body: dict = {"segments": segments, "language": "en"}
    for key in reversed(wrapper.split("/")):
        body = {key: body}
    record = {"id": "job-1", "status": "succeeded", **body}
    transcript = parse(json.dumps(record).encode(), "x.json")
    turn = transcript.turns[0]
    assert (transcript.format, turn.start, turn.text) == ("whisper-json", 1.5, "Found me.")


def test_whisperx_nested_in_a_job_record_keeps_speakers_and_word_times():
    segments = [{"start": 0.2, "end": 1.0, "text": " Hi, Bo.", "speaker": "SPEAKER_00",
                 "words": [{"word": "Hi,", "start": 0.2, "end": 0.5}, {"word": "Bo."}]}]  # fmt: skip
    value = {"status": "succeeded", "output": {"segments": segments, "detected_language": "en"}}
    assert json_format(value) == "whisperx-json"
    pieces = parse_json(value, "whisperx-json")
    assert pieces[0].words == (("Hi,", 0.2, 0.5), ("Bo.", None, None))


def test_openai_words_only_response_is_timed_by_its_words():
    data = {"task": "transcribe", "language": "english", "duration": 2.0, "text": "One two. Three.",
            "words": [{"word": "One", "start": 0.1, "end": 0.3}, {"word": "two", "start": 0.4, "end": 0.6},
                      {"word": "Three", "start": 1.2, "end": 1.5}]}  # fmt: skip
    pieces = parse_json(data, json_format(data))
    assert [(p.text, p.start, p.end) for p in pieces] == [("One two.", 0.1, 0.6), ("Three.", 1.2, 1.5)]
    assert turn_words(parse(json.dumps(data).encode(), "x.json")) == ["One", "two.", "Three."]


BROKEN = {
    "amazon no start_time": (
        {"results": {"items": [{"type": "pronunciation", "end_time": "1.0", "alternatives": [{"content": "hi"}]}]}},
        "Amazon Transcribe JSON: item 1 has no start_time",
    ),
    "amazon bad time": (
        {"results": {"items": [{"type": "pronunciation", "start_time": "soon", "end_time": "1.0",
                                "alternatives": [{"content": "hi"}]}]}},
        "Amazon Transcribe JSON: item 1: start_time 'soon' is not a time in seconds",
    ),
    "amazon no content": (
        {"results": {"items": [{"type": "pronunciation", "start_time": "0.1", "end_time": "1.0"}]}},
        "Amazon Transcribe JSON: item 1 has no alternatives[0].content",
    ),
    "call analytics no content": (
        {"Transcript": [{"ParticipantRole": "AGENT", "BeginOffsetMillis": 0}]},
        "Amazon Transcribe Call Analytics JSON: Transcript entry 1 has no Content",
    ),
    "call analytics bad offset": (
        {"Transcript": [{"ParticipantRole": "AGENT", "Content": "Hi", "BeginOffsetMillis": "later"}]},
        "Amazon Transcribe Call Analytics JSON: Transcript entry 1: BeginOffsetMillis is not a time in milliseconds",
    ),
    "deepgram no alternatives": ({"results": {"channels": [{}]}}, "Deepgram JSON: channel 0 has no alternatives"),
    "deepgram word without text": (
        {"results": {"channels": [{"alternatives": [{"transcript": "", "words": [{"start": 0}]}]}]}},
        "Deepgram JSON: word 1 has no 'word'",
    ),
    "deepgram bad sentence time": (
        {"results": {"channels": [{"alternatives": [{"paragraphs": {"paragraphs": [
            {"speaker": 0, "sentences": [{"text": "Hi.", "start": -1, "end": 1}]}]}}]}]}},
        "Deepgram JSON: channel 0, paragraph 1, sentence 1: 'start' is not a time in seconds",
    ),
    "assemblyai utterance without text": (
        {"status": "completed", "utterances": [{"speaker": "A", "start": 0}]},
        "AssemblyAI JSON: utterance 1 has no text",
    ),
    "assemblyai bad millis": (
        {"status": "completed", "utterances": [{"speaker": "A", "text": "Hi", "start": "zero"}]},
        "AssemblyAI JSON: utterance 1: 'start' is not a time in milliseconds",
    ),
    "assemblyai failed job": (
        {"status": "error", "error": "Download error: 404 Not Found", "audio_url": "https://x", "text": None},
        "AssemblyAI JSON: the transcription failed (Download error: 404 Not Found)",
    ),
    "google word without text": (
        {"results": [{"alternatives": [{"words": [{"startTime": "0s"}]}]}]},
        "Google Speech-to-Text JSON: result 1, word 1 has no 'word'",
    ),
    "google bad duration": (
        {"results": [{"alternatives": [{"words": [{"startTime": "1.3x", "word": "hi"}]}]}]},
        "Google Speech-to-Text JSON: result 1, word 1: startTime '1.3x' is not a duration",
    ),
    "replicate failed job": (
        {"id": "j", "status": "failed", "error": "CUDA out of memory", "output": None},
        "the transcription job failed: CUDA out of memory",
    ),
    "replicate unfinished job": (
        {"id": "j", "status": "processing", "output": None},
        "the transcription job has not finished (status 'processing')",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_gets_one_line_naming_the_format(case):
    value, message = BROKEN[case]
    with pytest.raises(FormatError) as caught:
        parse(json.dumps(value).encode(), "x.json")
    assert str(caught.value) == message
