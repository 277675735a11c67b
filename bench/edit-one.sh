#!/bin/sh
# Changes one record between two timed runs of `check`: a line is added at the end of its
# body, and taken away again the next time, so every run sees one edited file.
f=$1
line='Edited between two checks by the benchmark.'
if [ "$(tail -n 1 "$f")" = "$line" ]; then
    sed -i '$d' "$f"
else
    printf '%s\n' "$line" >> "$f"
fi
