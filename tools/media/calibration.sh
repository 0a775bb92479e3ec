# Sourced by the media generators: the calibration equirect picture.
# calibration_png W H OUT [LABEL]: a latitude/longitude picture in which every
# direction is recognisable: hue follows longitude, brightness follows latitude,
# grid lines every 15 degrees (heavier every 90), and the six directions labelled.
# Smooth between the lines, so interpolation differences stay small.
calibration_png() {
  local w="$1" h="$2" out="$3" label="${4:-}"
  local font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
  local fs=$((h / 14))
  # lon in [-pi, pi) at pixel centres, lat in (pi/2, -pi/2)
  local lon="((X+0.5)/W*2*PI-PI)" lat="(PI/2-(Y+0.5)/H*PI)"
  local shade="(0.55+0.45*cos(${lat}))"
  local grid="(lt(abs(mod((X+0.5)/W*24+0.5,1)-0.5)*W/24,1.2)+lt(abs(mod((Y+0.5)/H*12+0.5,1)-0.5)*H/12,1.2)+2*lt(abs(mod((X+0.5)/W*4+0.5,1)-0.5)*W/4,2.5))"
  local base="if(gt(${grid},0),235-20*${grid},"
  local text="fontfile=${font}:fontcolor=white:borderw=3:bordercolor=black:fontsize=${fs}"
  ffmpeg -v error -y -f lavfi -i "color=black:s=${w}x${h}:d=1,format=rgb24" -frames:v 1 -vf "\
geq=r='${base}${shade}*(128+100*cos(${lon})))':g='${base}${shade}*(128+100*cos(${lon}-2.094)))':b='${base}${shade}*(128+100*cos(${lon}+2.094)))',\
drawtext=${text}:text='FRONT':x=(w-tw)/2:y=h/2-th-8,\
drawtext=${text}:text='RIGHT':x=3*w/4-tw/2:y=h/2-th-8,\
drawtext=${text}:text='LEFT':x=w/4-tw/2:y=h/2-th-8,\
drawtext=${text}:text='BACK':x=-tw/2:y=h/2-th-8,\
drawtext=${text}:text='BACK':x=w-tw/2:y=h/2-th-8,\
drawtext=${text}:text='UP':x=(w-tw)/2:y=h/12,\
drawtext=${text}:text='DOWN':x=(w-tw)/2:y=h-h/12-th,\
drawtext=${text}:text='${label}':x=(w-tw)/2:y=h/2+16" "$out"
}
