#include "player/film_frame_overlay.h"

#include <vector>

#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "ui/film_frame_painter.h"
#include "ui/marker_geometry.h"

namespace ps::player {

FilmFrameOverlay::FilmFrameOverlay(FilmFrameOptions options) : options_(std::move(options)), visible_(options_.visible) {
  if (!options_.camera.clip) return;
  // The clip's first frame shows at shot time `offset`: a track starting there.
  media::TrackTiming timing;
  timing.startSeconds = options_.camera.clip->offset;
  auto clip = ui::ClipFollower::open(options_.camera.clip->path.string(), timing);
  if (!clip) {
    spdlog::warn("film frame: the clip does not open, the frame stays empty: {}", clip.error().message());
    return;
  }
  clip_ = std::move(*clip);
  spdlog::info("film frame: clip {} ({:.2f} s) from shot time {:.3f} s", options_.camera.clip->src,
               clip_->durationSeconds(), options_.camera.clip->offset);
}

void FilmFrameOverlay::update(double shotSeconds) {
  if (clip_ && visible_) clip_->follow(shotSeconds);
}

void FilmFrameOverlay::updateAndWait(double shotSeconds) {
  if (!clip_ || !visible_) return;
  if (!clip_->followAndWait(shotSeconds, std::chrono::seconds(10)))
    spdlog::warn("film frame: no clip picture for shot time {:.3f} s", shotSeconds);
}

void FilmFrameOverlay::paint(engine::ImGuiPass& pass, const ui::ViewProjection& eye, double shotSeconds,
                             const ui::Palette& palette) {
  if (!visible_) return;
  const ui::FilmFrame frame = ui::filmFrameAt(options_.camera, shotSeconds);
  if (clip_) {
    std::shared_ptr<const ui::Thumbnail> picture = clip_->latest();
    if (picture) {
      if (picture != shown_) pass.setPicture(picture->rgba.data(), picture->width, picture->height);
      shown_ = std::move(picture);
      engine::PictureCorners corners;
      for (std::size_t i = 0; i < 4; ++i) corners[i] = eye.clipOf(frame.corners[i]);
      pass.pictureQuad(corners);
    }
  }
  const scenes::CameraState s = scenes::cameraAt(options_.camera, shotSeconds);
  ui::paintFilmFrame(frame, eye, fmt::format("film  {:.0f}\u00b0  {:.2f}:1", s.hfovDeg, options_.camera.aspect),
                     palette);
}

bool FilmFrameOverlay::updateGeometry(engine::OverlayLayer& layer, double shotSeconds) {
  std::shared_ptr<const ui::Thumbnail> picture = visible_ && clip_ ? clip_->latest() : nullptr;
  if (picture && picture != inLayer_) {
    // The decoded picture itself (shared, never copied here): the upload reads it once.
    layer.setPicture(picture->width, picture->height,
                     std::shared_ptr<const std::vector<std::uint8_t>>(picture, &picture->rgba));
    inLayer_ = picture;
  }
  Built now;
  now.visible = visible_;
  if (visible_) {
    now.withPicture = picture != nullptr;
    now.camera = scenes::cameraAt(options_.camera, shotSeconds);
  }
  if (built_ == now) return false;
  built_ = now;
  geometry_.clear();
  if (visible_) {
    ui::buildFilmFrameGeometry(ui::filmFrameAt(options_.camera, shotSeconds),
                               fmt::format("film  {:.0f}\u00b0  {:.2f}:1", now.camera.hfovDeg, options_.camera.aspect),
                               now.withPicture, layer.atlas(), geometry_);
    // The camera's whole path over the shot, through its keys (it moves in straight lines
    // between them), where the frustum travels along it.
    const auto& track = options_.camera.track;
    if (track.size() >= 2) {
      std::vector<glm::vec3> path;
      for (const scenes::CameraKey& k : track)
        path.emplace_back(static_cast<float>(k.state.pose.position.x), static_cast<float>(k.state.pose.position.y),
                          static_cast<float>(k.state.pose.position.z));
      geometry_.polyline(path, engine::linearColour(255, 200, 60, 0.7f), 2.0f);
    }
  }
  return true;
}

}  // namespace ps::player
