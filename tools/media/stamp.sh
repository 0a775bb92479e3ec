# Sourced by the media generators. The frame stamp: the frame number in the pixels,
# so tests and benchmarks can tell which frame they got without trusting timestamps.
#
# Layout (must match media/src/frame_stamp.cpp): a strip at the top-left of the
# frame, STAMP_BITS blocks of STAMP_BLOCK x STAMP_BLOCK luma pixels, block k at
# x = k*STAMP_BLOCK holds bit k of the frame number (white = 1, black = 0).
# In a top-bottom stereo frame each eye carries its own strip at its top-left.
STAMP_BITS=16
STAMP_BLOCK=16

# stamp_filter [y]: an FFmpeg filter chain that draws the stamp of the frame number n at row y.
stamp_filter() {
  local y="${1:-0}" chain k
  chain="drawbox=x=0:y=${y}:w=$((STAMP_BITS * STAMP_BLOCK)):h=${STAMP_BLOCK}:color=black:t=fill"
  for ((k = 0; k < STAMP_BITS; k++)); do
    chain+=",drawbox=x=$((k * STAMP_BLOCK)):y=${y}:w=${STAMP_BLOCK}:h=${STAMP_BLOCK}:color=white:t=fill:enable='bitand(n,$((1 << k)))'"
  done
  printf '%s' "$chain"
}
