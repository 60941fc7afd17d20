#!/usr/bin/env python3
"""Generates Sources/Cartable/Length/TwitterTextEmojiSequences.swift from twitter-text's emoji regex.

Usage (what `make emoji EMOJI_REGEX=PATH` runs):
    python3 scripts/emoji_sequences.py --check PATH/TwitterTextEmojiRegex.java

The input is upstream's `TwitterTextEmojiRegex.java` (twitter/twitter-text, Apache-2.0), unmodified; it is not kept
in this repository, only the table generated from it. Its regex has no
repetition other than `?`, so its language is finite: this script expands it into every sequence of
scalars it matches, in the regex's order. A sequence that ends where the regex has `(?!\\ufe0e)` is
written with the terminator 1 ("matches unless U+FE0E follows"), every other one with 0.

With `--check`, it also compares a longest-match scan over the expanded sequences with Python's `re`
(backtracking, first alternative wins, as Java's `Pattern`) on every sequence and prefix of one, every
sequence followed by U+FE0E, U+FE0F, a ZWJ, a keycap, a skin tone, a regional indicator, a cancel tag or a
letter, and 20,000 random texts of emoji pieces, and fails on any difference.
"""

import random
import re
import sys

STRAY = "!FE0E"  # the lookahead (?!\ufe0e) in an expanded sequence, resolved after expansion


def java_string(source):
    """The value of `private static final String EMOJI = "..." + "...";`, Java escapes decoded."""
    start = source.index("private static final String EMOJI =")
    end = source.index(";", start)
    body = "\n".join(line for line in source[start:end].split("\n") if not line.strip().startswith("//"))
    units = []
    for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', body):
        i = 0
        while i < len(literal):
            if literal.startswith("\\u", i):
                units.append(int(literal[i + 2:i + 6], 16))
                i += 6
            elif literal[i] == "\\":
                units.append(ord(literal[i + 1]))  # \\ and \" only: upstream uses no other escape
                i += 2
            else:
                encoded = literal[i].encode("utf-16-le")
                units.extend(int.from_bytes(encoded[k:k + 2], "little") for k in range(0, len(encoded), 2))
                i += 1
    data = b"".join(unit.to_bytes(2, "little") for unit in units)
    return data.decode("utf-16-le")  # pairs the surrogates; a lone one would raise


class Parser:
    """Parses the regex subset upstream uses: | (?:) () (?!x) [classes] and the ? quantifier."""

    def __init__(self, pattern):
        self.p = pattern
        self.i = 0

    def alternation(self):
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        return ("alt", branches)

    def sequence(self):
        items = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            atom = self.atom()
            if self.i < len(self.p) and self.p[self.i] == "?":
                self.i += 1
                atom = ("alt", [atom, ("seq", [])])  # greedy: the longer branch first
            items.append(atom)
        return ("seq", items)

    def atom(self):
        c = self.p[self.i]
        if c == "(":
            if self.p.startswith("(?:", self.i):
                self.i += 3
            elif self.p.startswith("(?!", self.i):
                self.i += 3
                inner = self.p[self.i]
                assert inner == "\ufe0e" and self.p[self.i + 1] == ")", "unexpected lookahead"
                self.i += 2
                return ("assert", None)
            else:
                self.i += 1
            inner = self.alternation()
            assert self.p[self.i] == ")"
            self.i += 1
            return inner
        if c == "[":
            self.i += 1
            chars = []
            while self.p[self.i] != "]":
                low = self.p[self.i]
                self.i += 1
                if self.p[self.i] == "-" and self.p[self.i + 1] != "]":
                    high = self.p[self.i + 1]
                    self.i += 2
                    chars.extend(chr(v) for v in range(ord(low), ord(high) + 1))
                else:
                    chars.append(low)
            self.i += 1
            return ("class", chars)
        assert c not in "\\.*+{}^$", f"unsupported regex syntax {c!r} at {self.i}"
        self.i += 1
        return ("class", [c])


def expand(node):
    """Every sequence the node matches, as lists of scalars and STRAY markers, in regex order."""
    kind, value = node
    if kind == "class":
        return [[c] for c in value]
    if kind == "assert":
        return [[STRAY]]
    if kind == "alt":
        return [s for branch in value for s in expand(branch)]
    results = [[]]
    for item in value:
        results = [r + s for r in results for s in expand(item)]
    return results


def resolve(sequences):
    """(scalars, conditional) in order, first occurrence kept; a mid-sequence lookahead is decided here."""
    seen = {}
    for seq in sequences:
        scalars, conditional, possible = [], False, True
        for k, token in enumerate(seq):
            if token == STRAY:
                if k + 1 == len(seq):
                    conditional = True
                elif seq[k + 1] == "\ufe0e":
                    possible = False
            else:
                scalars.append(token)
        if not possible:
            continue
        key = "".join(scalars)
        # The same scalars matched unconditionally by another branch need no condition.
        seen[key] = seen.get(key, True) and conditional
    return seen


def longest_match(table, text, i, max_len):
    best = None
    for n in range(1, min(max_len, len(text) - i) + 1):
        conditional = table.get(text[i:i + n])
        if conditional is None:
            continue
        if conditional and i + n < len(text) and text[i + n] == "\ufe0e":
            continue
        best = i + n
    return best


def scan(table, text, max_len):
    spans, i = [], 0
    while i < len(text):
        end = longest_match(table, text, i, max_len)
        if end is None:
            i += 1
        else:
            spans.append((i, end))
            i = end
    return spans


def check(pattern, table):
    regex = re.compile(pattern)
    max_len = max(len(k) for k in table)
    followers = ["\ufe0e", "\ufe0f", "\u200d", "\u20e3", "\U0001F3FB", "\U0001F3FF", "\U0001F1EB", "\U000E007F", "a"]
    texts = sorted({k[:n] for k in table for n in range(1, len(k) + 1)})  # every sequence and its prefixes
    texts += [k + f for k in table for f in followers]
    pool = sorted({c for k in table for c in k} | {"a", " ", "\ufe0e", "\u200d", "\U0001F90C", "\u00e9"})
    rng = random.Random(13)
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    for text in texts:
        expected = [m.span() for m in regex.finditer(text)]
        got = scan(table, text, max_len)
        if expected != got:
            sys.exit(f"mismatch on {text!r}: regex {expected}, table {got}")
    print(f"checked {len(texts)} texts: the longest-match table agrees with the regex", file=sys.stderr)


def swift_source(table, path):
    lines = [
        "// Generated by `make emoji` (scripts/emoji_sequences.py) from the fixture",
        f"// {path}",
        "// (twitter-text's TwitterTextEmojiRegex.java, Apache-2.0, see the LICENSE beside it). Do not edit:",
        "// update the fixture and run `make emoji`.",
        "",
        "/// Every emoji sequence twitter-text's emoji regex matches, expanded from its alternatives.",
        "///",
        "/// Each sequence is its scalars, then a terminator: 0 when the regex matches it whatever follows,",
        "/// 1 when it matches only if U+FE0E (text presentation) does not follow (upstream's `(?!\\ufe0e)`).",
        "/// Neither 0 nor 1 is a scalar of any sequence. `EmojiSequenceTrie` builds its trie from this list.",
        "enum TwitterTextEmojiSequences {",
        f"    /// {len(table)} sequences, in the order of the regex's alternatives.",
        "    static let scalars: [UInt32] = [",
    ]
    for key, conditional in table.items():
        values = ", ".join(f"0x{ord(c):X}" for c in key)
        lines.append(f"        {values}, {1 if conditional else 0},")
    lines += ["    ]", "}", ""]
    return "\n".join(lines)


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    path = args[0]
    with open(path, encoding="utf-8") as f:
        pattern = java_string(f.read())
    parser = Parser(pattern)
    tree = parser.alternation()
    assert parser.i == len(pattern), f"regex not fully parsed at {parser.i}"
    table = resolve(expand(tree))
    if "--check" in sys.argv:
        check(pattern, table)
    sys.stdout.write(swift_source(table, path))


if __name__ == "__main__":
    main()
