#version 450
layout(binding = 0) uniform sampler2D picture;  // sRGB: sampled as linear, written back encoded
layout(location = 0) in vec2 uv;
layout(location = 0) out vec4 colour;

void main() { colour = vec4(texture(picture, uv).rgb, 1.0); }
