// See flow.hpp.
#include "kiosk/screens/flow.hpp"

#include "core/log.hpp"
#include "core/ticket.hpp"

namespace kotak::kiosk {

namespace {

bool hand_over(Ctx& ctx, const core::Submission& submission) {
  SaveResult result = ctx.outbox.save(submission);
  if (!result.ok) {
    ctx.kiosk.store_problem = result.message;
    return false;
  }
  ctx.kiosk.store_problem.clear();
  ctx.session.saved_kind = submission.kind;
  ctx.session.saved_id = submission.id;
  ctx.session.saved_ticket = submission.ticket;
  return true;
}

}  // namespace

std::string tracking_link(const std::string& tracking_url, const std::string& id) {
  std::string base = tracking_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/t/" + id;
}

bool store_face(Ctx& ctx) {
  Session& s = ctx.session;
  if (!s.face || !face_changed(s)) return true;
  const bool tap = s.stored.first_id.empty();
  // A correction is the same answer as its tap, never a burst of its own.
  const bool burst = tap ? ctx.burst.saved_tap(ctx.now) : s.stored.burst;
  auto submission = rating_submission(s, ctx.origin, burst);
  if (!hand_over(ctx, submission)) return false;
  if (tap) s.stored.first_id = submission.id;
  s.stored.revision = submission.revision;
  s.stored.face = *s.face;
  s.stored.unit = s.unit;
  s.stored.burst = burst;
  return true;
}

bool save_written(Ctx& ctx) {
  auto submission = written_submission(ctx.session, ctx.origin, core::new_ticket());
  if (!hand_over(ctx, submission)) return false;
  const std::string& url = ctx.kiosk.config.tracking_url;
  ctx.kiosk.ticket_qr = url.empty() ? QrCode() : QrCode::encode(tracking_link(url, submission.id));
  return true;
}

bool save_skm(Ctx& ctx, bool idle_timeout) {
  if (ctx.session.skm.answered() == 0) return true;
  return hand_over(ctx, skm_submission(ctx.session, ctx.origin, idle_timeout));
}

}  // namespace kotak::kiosk
