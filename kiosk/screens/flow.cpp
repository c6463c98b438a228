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

bool save_face(Ctx& ctx, bool idle_timeout) {
  Session& s = ctx.session;
  if (!s.face || s.face_saved) return true;
  const bool burst = ctx.burst.saved_tap(s.face_tapped_at);
  if (!hand_over(ctx, rating_submission(s, ctx.origin, burst, idle_timeout))) return false;
  s.face_saved = true;
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
