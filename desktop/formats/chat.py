"""TalkBank CHAT (.cha) transcripts: `@` headers, `*CHI:` utterances, `%` tiers skipped.

What counts as speech: every word on an utterance line, with its CHAT markup taken off.
Fillers and fragments are speech (`&-uh` reads "uh", `&+fr` "fr"), so are retraced
words (`you [/] you` reads "you you") and repeats (`no [x 3]` reads "no no no");
`xxx`, `yyy` and `www` stay, as the transcriber's marks of speech not made out.
Not speech: codes in square brackets (corrections `[: went]`, comments, error marks),
omitted words (`0is`), events (`&=laughs`), pauses (`(.)`), linkers and the media
bullets, which give the utterance its times (start_end in milliseconds)."""

from __future__ import annotations

import re

from desktop.formats.model import FormatError, Piece

CHAT = "CHAT (.cha)"
_TIER = re.compile(r"([*%@])([^:\s]*)(:?)[ \t]?(.*)")
_MEDIA_BULLET = re.compile(r"\x15(?:%\w+:\s*\"[^\"\x15]*\"_)?(\d{1,12})_(\d{1,12})\x15")
_OTHER_BULLET = re.compile(r"\x15[^\x15]*\x15|\x15")
_REPEAT = re.compile(r"(<[^<>]*>|\S+)\s*\[x\s*(\d+)\]")
_CODE = re.compile(r"\[[^\[\]]*\]")
_PAUSE = re.compile(r"\((?:\.{1,3}|\d*(?::\d+)?\.?\d*)\)|#\S*")
_NOT_SPELLING = re.compile(r"[()<>:^ˈˌ↑↓°∆∇⌈⌉⌊⌋↗↘→≈≋∙⁎⇗⇘∞≡▔▁☺§∾⁑]|@\S*")
_TERMINATORS = {"+...": "...", "+..?": "...?", "+!?": "?!", "+/?": "?", "+//?": "?", "+/??": "?"}
_ATTACHED = {".", "?", "!", ",", ";", "...", "...?", "?!"}
_MAX_REPEAT = 20


def is_chat(lines: list[str]) -> bool:
    """Whether the first non-blank, stripped `lines` of a file are CHAT's: `@` headers
    with an `@Begin`."""
    return bool(lines) and lines[0].startswith("@") and "@Begin" in lines[:40]


def parse_chat(text: str) -> list[Piece]:
    """Pieces of a CHAT transcript: a piece per stretch of an utterance its media bullet
    times (the whole utterance when it has none), spoken by the participant's name."""
    tiers = _tiers(text)
    names = _participants(
        ", ".join(content for _, kind, code, content in tiers if (kind, code) == ("@", "Participants"))
    )
    pieces = []
    for number, kind, code, content in tiers:
        if kind == "*":
            pieces.extend(_utterance(names.get(code, code), content, number))
    if not pieces:
        raise FormatError(f"{CHAT}: no utterance lines (*CHI: …) found")
    return pieces


def _tiers(text: str) -> list[tuple[int, str, str, str]]:
    """Line number, kind (`@`, `*` or `%`), code and content of each tier, with its
    tab-indented continuation lines joined on."""
    tiers: list[tuple[int, str, str, list[str]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if line[0] in " \t" and tiers:
            tiers[-1][3].append(line.strip())
            continue
        match = _TIER.fullmatch(line.rstrip())
        if not match:
            raise FormatError(f"{CHAT}: a line must start with @, *, % or a tab", number)
        kind, code, colon, content = match.groups()
        if kind == "*" and not (code and colon):
            raise FormatError(f"{CHAT}: an utterance line needs a speaker code and a colon (*CHI:)", number)
        tiers.append((number, kind, code, [content]))
    return [(number, kind, code, " ".join(parts)) for number, kind, code, parts in tiers]


def _participants(header: str) -> dict[str, str]:
    """Speaker names by code from `@Participants: CHI Ross Target_Child, MOT Mother`:
    the name where one is given, else the role; the code where two would share a name."""
    found: dict[str, str] = {}
    for entry in header.split(","):
        fields = entry.split()
        if fields:
            found[fields[0]] = (fields[1] if len(fields) == 3 else fields[-1]).replace("_", " ")
    shared = {name for name in found.values() if list(found.values()).count(name) > 1}
    return {code: code if name in shared else name for code, name in found.items()}


def _utterance(speaker: str, content: str, number: int) -> list[Piece]:
    pieces = []
    position = 0
    for bullet in _MEDIA_BULLET.finditer(content):
        start, end = int(bullet[1]) / 1000, int(bullet[2]) / 1000
        pieces.append(Piece(speaker, spoken(content[position : bullet.start()]), start, end))
        position = bullet.end()
    rest = spoken(content[position:])
    if rest and pieces:
        pieces[-1].text = f"{pieces[-1].text} {rest}".strip()
    elif rest:
        pieces.append(Piece(speaker, rest))
    return [p for p in pieces if p.text]


def spoken(main_tier: str) -> str:
    """The words of (part of) an utterance line as it reads, CHAT markup taken off."""
    text = _OTHER_BULLET.sub(" ", main_tier)
    text = _REPEAT.sub(lambda m: " ".join([m[1]] * min(int(m[2]), _MAX_REPEAT)), text)
    text = _CODE.sub(" ", text)
    words: list[str] = []
    for token in text.split():
        word = _word(token)
        if word in _ATTACHED:
            if words:
                words[-1] += word
        elif word:
            words.append(word)
    return " ".join(words)


def _word(token: str) -> str:
    """A token of an utterance as it reads: a word, a punctuation mark to attach to the
    word before, or '' for markup that is no speech."""
    if token in _TERMINATORS:
        return _TERMINATORS[token]
    if token.startswith("+"):
        return "." if token.endswith(".") and len(token) > 1 else ""  # `+/.`, `+//.`, `+".`; linkers
    if token in ("‡", "„"):
        return ","
    if token.startswith("0") or token.startswith("&=") or _PAUSE.fullmatch(token):
        return ""
    if token.startswith("&*"):  # another speaker's word said within this utterance
        token = token.split(":", 1)[-1]
    elif token.startswith("&"):
        token = token[2:] if token[1:2] in ("-", "+", "~") else token[1:]
    return " ".join(_NOT_SPELLING.sub("", token).replace("_", " ").replace("+", " ").split())
