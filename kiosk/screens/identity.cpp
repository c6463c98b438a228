// Who may answer: anonymous by default, or a name and phone number under a
// one-sentence notice of why they are asked and who sees them (UU 27/2022).
// Then the contact screens, "rahasiakan" and the urgency question.
#include "kiosk/screens/chrome.hpp"
#include "kiosk/screens/text_entry.hpp"

namespace kotak::kiosk {

Screen draw_identity(Ctx& ctx) {
  Ui& ui = ctx.ui;
  Session& s = ctx.session;
  auto bar = top_bar(ctx, "identity", {.title = ui.tr("identity.bar")});
  if (bar.back) return Screen::write_text;
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
  // A way to be answered is needed: a name or a phone number.
  const bool reachable = s.name.has_content() || s.phone.has_content();
  const bool can_go_on = which != Screen::contact_phone || reachable;
  auto bar = top_bar(ctx, prefix,
                     {.title = ui.tr("contact.bar"),
                      .action_id = prefix + ".next",
                      .action_label = ui.tr("common.next"),
                      .action_enabled = can_go_on});
  const KeyboardKind kind =
      which == Screen::contact_phone ? KeyboardKind::phone : KeyboardKind::text;
  Rect above;
  Rect panel = keyboard_panel(ctx, bar.body, kind, above);
  // The notice stays visible while the patient types their details.
  float notice_h = std::min(ui.text_height(ui.tr("identity.notice"), ui.fonts().small, above.w),
                            m.small_px * 1.22f * 2);
  ui.text(above.cut_top(notice_h), ui.tr("identity.notice"),
          {.font = ui.fonts().small, .color = theme::kMuted, .max_lines = 2});
  above.cut_top(m.gap * 0.6f);
  ui.text(above.cut_top(m.button_px * 1.3f), label,
          {.font = ui.fonts().button, .v = Align::center, .wrap = false, .shrink = true});
  above.cut_top(m.gap * 0.4f);
  Rect hint = above.cut_bottom(m.small_px * 1.4f);
  float field_h = which == Screen::contact_address ? above.h : std::min(above.h, m.body_px * 2.6f);
  draw_text_field(ctx, above.cut_top(field_h), prefix + ".field", *editor, {});
  if (!can_go_on)
    ui.text(hint, ui.tr("contact.need_one"),
            {.font = ui.fonts().small,
             .color = theme::kErrorText,
             .v = Align::center,
             .wrap = false,
             .shrink = true});
  else
    draw_counter(ctx, hint, *editor, true);
  draw_keyboard(ctx, panel, s.keyboard, *editor);

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
