#!/usr/bin/env python3
"""Export French and English word frequencies from the wordfreq package.

Writes TSV lines `lang<TAB>word<TAB>zipf` (zipf rounded to 2 decimals) to
stdout: every French word of wordfreq's "large" French list, and English
words with a Zipf frequency of at least 2.0. convert.mjs reads this file
to score how often a territory name is also an ordinary word.

wordfreq's data is CC BY-SA 4.0 (see README.md).
"""
import math
import sys

from wordfreq import get_frequency_dict

MIN_ZIPF = {"fr": 0.0, "en": 2.0}


def main() -> None:
    out = sys.stdout
    out.write("lang\tword\tzipf\n")
    for lang in ("fr", "en"):
        freqs = get_frequency_dict(lang, "large")
        for word in sorted(freqs):
            zipf = round(math.log10(freqs[word]) + 9, 2)
            if zipf >= MIN_ZIPF[lang]:
                out.write(f"{lang}\t{word}\t{zipf}\n")


if __name__ == "__main__":
    main()
