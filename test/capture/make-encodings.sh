#!/usr/bin/env bash
# Writes test/fixtures/encodings/: real captures re-encoded the ways they reach a log in practice.
# PowerShell 5's `netstat -ano > conns.txt` (Out-File's default) writes UTF-16LE with a BOM; `Out-File -Encoding
# BigEndianUnicode` writes UTF-16BE with a BOM; some tools write UTF-16LE without one. Needs iconv (glibc).
set -euo pipefail
here=$(cd "$(dirname "$0")/../fixtures" && pwd)
out="$here/encodings"
mkdir -p "$out"
# The German Windows sample has non-ASCII state words (ABHÖREN), the ss capture has IPv6 and odd owner names.
win="$here/public/windows-de-netstat-ano.txt"
ss="$here/linux/ss-tanpo.txt"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$win"; } > "$out/windows-de-netstat-ano.utf16le-bom.txt"
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$win"; } > "$out/windows-de-netstat-ano.utf16be-bom.txt"
iconv -f UTF-8 -t UTF-16LE "$ss" > "$out/ss-tanpo.utf16le-nobom.txt"
iconv -f UTF-8 -t UTF-16BE "$ss" > "$out/ss-tanpo.utf16be-nobom.txt"
echo "wrote $(ls "$out" | wc -l) files to $out"
