// Who may answer: anonymous by default, or a name and phone number under a
// one-sentence notice of why they are asked and who sees them (UU 27/2022).
// Then the contact screens, "rahasiakan" and the urgency question.
#include "core/phone.hpp"
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/text_entry.hpp"

namespace kotak::kiosk {

Screen draw_identity(Ctx& ctx) {
  Ui& ui = ctx.ui;
  Session& s = ctx.session;
  auto bar = top_bar(ctx, "identity", {.title = ui.tr("identity.bar")});
  if (bar.back) return has_voice(ctx.session) ? Screen::write_voice : Screen::write_text;
  Rect body = heading(ctx, bar.body, ui.tr("identity.question"), ui.tr("identity.notice"));
  int choice = options(ctx, body,
                       {{"identity.anonymous", ui.tr("identity.anonymous"),
                         ui.tr("identity.anonymous_detail"), Icon::shield, !s.wants_contact},
                        {"identity.named", ui.tr("identity.named"), ui.tr("identity.named_detail"),
                         Icon::phone, s.wants_contact}});
  if (choice == 0) {
    s.wants_contact = false;
    return Screen::confidential;
  }
  if (choice == 1) {
    s.wants_contact = true;
    return Screen::contact_name;
  }
  return Screen::identity;
}

namespace {

// What is wrong with the phone number typed so far, as a catalog key; empty
// when it is fine (or empty: a name alone is enough to go on).
std::string phone_problem(const Session& s) {
  if (s.phone_letters_dropped) return "contact.phone_digits_only";
  switch (core::check_phone(s.phone.text())) {
    case core::PhoneCheck::ok:
    case core::PhoneCheck::empty:
      return {};
    case core::PhoneCheck::too_short:
      return "contact.phone_short";
    case core::PhoneCheck::too_long:
      return "contact.phone_long";
    case core::PhoneCheck::not_mobile:
      return "contact.phone_not_mobile";
    case core::PhoneCheck::bad_characters:
      return "contact.phone_digits_only";
  }
  return {};
}

}  // namespace

Screen draw_contact(Ctx& ctx, Screen which) {
  Ui& ui = ctx.ui;
  const Metrics& m = ui.m();
  Session& s = ctx.session;
  TextEditor* editor = &s.name;
  std::string label = ui.tr("contact.name");
  std::string prefix = "contact_name";
  if (which == Screen::contact_phone) {
    editor = &s.phone;
    label = ui.tr("contact.phone");
    prefix = "contact_phone";
  } else if (which == Screen::contact_address) {
    editor = &s.address;
    label = ui.tr("contact.address");
    prefix = "contact_address";
  }
  // A way to be answered is needed: a name or a phone number, and a number
  // given must be one the officer can call.
  const bool phone_ok = core::check_phone(s.phone.text()) == core::PhoneCheck::ok ||
                        !s.phone.has_content();
  const bool reachable = s.name.has_content() || s.phone.has_content();
  const bool can_go_on = which != Screen::contact_phone || (reachable && phone_ok);
  auto bar = top_bar(ctx, prefix,
                     {.title = ui.tr("contact.bar"),
                      .action_id = prefix + ".next",
                      .action_label = ui.tr("common.next"),
                      .action_enabled = can_go_on});
  Rect above;
  Rect panel = keyboard_panel(ctx, bar.body, above);
  // The notice stays visible while the patient types their details.
  // Whole, however narrow the panel: it is what the patient consents to.
  float notice_h = std::min(ui.text_height(ui.tr("identity.notice"), ui.fonts().small, above.w),
                            above.h * 0.4f);
  ui.text(above.cut_top(notice_h), ui.tr("identity.notice"),
          {.font = ui.fonts().small, .color = theme::kMuted, .shrink = true});
  above.cut_top(m.gap * 0.6f);
  // Under the field: what is wrong with the number, or how to go on.
  const std::string problem = which == Screen::contact_phone ? phone_problem(s) : "";
  std::string message;
  if (!problem.empty() && s.phone.has_content())
    message = ui.tr(problem);
  else if (which == Screen::contact_phone && !reachable)
    message = ui.tr("contact.need_one");
  else if (which == Screen::contact_phone)
    message = ui.tr("contact.phone_hint");  // never "20 / 20 huruf" for digits
  const float hint_h = std::max(
      m.small_px * 1.3f, std::min(ui.text_height(message, ui.fonts().small, above.w),
                                  m.small_px * 1.22f * 2));
  Rect hint = above.cut_bottom(hint_h);
  above.cut_bottom(m.gap * 0.3f);
  // The label beside the field on a wide screen, above it on a narrow one.
  const float field_h = which == Screen::contact_address
                            ? std::max(m.target, above.h - (m.portrait ? m.button_px * 1.4f : 0))
                            : std::max(m.target, std::min(above.h, m.body_px * 2.4f));
  const float label_w = std::min(above.w * 0.34f, ui.measure(label, ui.fonts().button).x + m.gap);
  Rect field;
  if (!m.portrait && label_w < above.w * 0.34f + 1) {
    Rect row = above.cut_top(std::min(above.h, field_h));
    ui.text(row.cut_left(label_w), label,
            {.font = ui.fonts().button, .v = Align::center, .max_lines = 2, .shrink = true});
    row.cut_left(m.gap);
    field = row;
  } else {
    ui.text(above.cut_top(m.button_px * 1.3f), label,
            {.font = ui.fonts().button, .v = Align::center, .wrap = false, .shrink = true});
    above.cut_top(m.gap * 0.3f);
    field = above.cut_top(std::min(above.h, field_h));
  }
  say_question(ctx, label, message.empty() ? ui.tr("identity.notice") : message);
  draw_text_field(ctx, field, prefix + ".field", *editor, {});
  if (!message.empty()) {
    const bool wrong = !problem.empty() && s.phone.has_content();
    ui.text(hint, message,
            {.font = ui.fonts().small,
             .color = wrong || !reachable ? theme::kErrorText : theme::kMuted,
             .v = Align::center,
             .max_lines = 2,
             .shrink = true});
  } else {
    draw_counter(ctx, hint, *editor, true);
  }
  if (draw_keyboard(ctx, panel, s.keyboard, *editor)) s.phone_letters_dropped = false;

  if (bar.back) {
    if (which == Screen::contact_name) return Screen::identity;
    return which == Screen::contact_phone ? Screen::contact_name : Screen::contact_phone;
  }
  if (bar.action && can_go_on) {
    if (which == Screen::contact_name) return Screen::contact_phone;
    return which == Screen::contact_phone ? Screen::contact_address : Screen::confidential;
  }
  return which;
}

Screen draw_confidential(Ctx& ctx) {
  Ui& ui = ctx.ui;
  Session& s = ctx.session;
  auto bar = top_bar(ctx, "confidential", {.title = ui.tr("confidential.bar")});
  if (bar.back) return s.wants_contact ? Screen::contact_address : Screen::identity;
  Rect body = heading(ctx, bar.body, ui.tr("confidential.question"), ui.tr("confidential.hint"));
  int choice = options(ctx, body,
                       {{"confidential.yes", ui.tr("confidential.yes"),
                         ui.tr("confidential.yes_detail"), Icon::lock, s.confidential},
                        {"confidential.no", ui.tr("confidential.no"),
                         ui.tr("confidential.no_detail"), Icon::check, !s.confidential}});
  if (choice < 0) return Screen::confidential;
  s.confidential = choice == 0;
  return Screen::urgent;
}

Screen draw_urgent(Ctx& ctx) {
  Ui& ui = ctx.ui;
  Session& s = ctx.session;
  auto bar = top_bar(ctx, "urgent", {.title = ui.tr("urgent.bar")});
  if (bar.back) return Screen::confidential;
  Rect body = heading(ctx, bar.body, ui.tr("urgent.question"), ui.tr("urgent.hint"));
  int choice = options(
      ctx, body,
      {{"urgent.yes", ui.tr("urgent.yes"), ui.tr("urgent.yes_detail"), Icon::clock, s.urgent},
       {"urgent.no", ui.tr("urgent.no"), ui.tr("urgent.no_detail"), Icon::check, !s.urgent}});
  if (choice < 0) return Screen::urgent;
  s.urgent = choice == 0;
  return Screen::review;
}

}  // namespace kotak::kiosk
