// The staff dashboard's API and the public pages, as functions from a
// WebRequest to a WebResponse (http_server.cpp routes to them).
//
// Staff API, JSON, under /api/staff/ (a session cookie; every POST needs the
// header X-Kotak-CSRF with the session's token and a JSON body):
//   POST login {username, password}      sets the cookie; 429 when rate-limited
//   POST logout                          ends the session
//   GET  me                              who is logged in, the CSRF token, units
//   POST login/code {username, code}     log-in with a one-time code: then
//                                        {step: "password", challenge}
//   POST login/password {challenge, password}
//                                        the new password of that log-in
//   POST login/totp {challenge, code}    the second factor, after
//                                        {step: "totp", challenge}
//   GET  users?facility=                 accounts and their log (admin,
//                                        kepala: their facility)
//   POST users {username, name, role, facility}
//                                        a new account: its one-time code
//   POST users/NAME/ACTION               disable, enable, reset (a new
//                                        one-time code), totp-reset,
//                                        dpo-on, dpo-off, email {email}
//   POST account/password {old, new}     one's own password
//   POST account/totp/start, account/totp/confirm {code}
//                                        one's own second factor
//   GET  cases?filters                   the register (see list_cases)
//   POST cases {...}                     a case from another channel
//   GET  cases/ID                        one case with answers and history
//   POST cases/ID/ACTION {...}           status, forward, answer, review,
//                                        details, publish, unpublish, owner
//                                        ({kind: take|hand_over|assign, to}),
//                                        reply {text, email, sms}: the answer
//                                        sent to the patient (replies.cpp)
//   POST cases/ID/attachments {name, content_base64}, GET
//        cases/ID/attachments/N[/thumbnail], POST
//        cases/ID/attachments/N/remove {reason}
//                                        photos and scans of a case
//                                        (attachments.cpp)
//   GET  cases/ID/audio                  a spoken complaint's recording
//                                        (audio/ogg, Range; rahasia: as its
//                                        identity; never to units)
//   POST cases/ID/identity {reason}      contact details (logged; some roles;
//                                        a rahasia case needs the reason)
//   POST cases/bulk {action, ids, to, unit, note}
//                                        one action on up to 200 cases: read,
//                                        assign, forward, close (casework.cpp)
//   GET  cases.csv?filters, cases.xlsx?filters[&identity=1&reason=]
//                                        the register as a file (export.cpp)
//   GET  canned-answers[?all=1]          the facility's canned answers
//   POST canned-answers {title, text}, canned-answers/ID/ACTION
//                                        the head manages them: edit {title,
//                                        text}, retire, restore
//   POST cases/ID/escalate {agency, category, classification, title,
//                           with_identity}
//                                        passes it on through SP4N-LAPOR!
//   POST cases/ID/tracking {n, tracking_id}
//                                        the tracking ID LAPOR! gave it
//   GET  cases/ID/lapor/N[.csv]          that package (escalation.cpp)
//   GET  identity-views                  every look at contact details (kepala
//                                        and the facility's DPO)
//   GET  unit/cases, unit/cases/ID       a unit's inbox: the cases forwarded
//                                        to it, without identity (unit role
//                                        only, which may use nothing else)
//   POST unit/cases/ID/response {text}   the unit's answer to the officer
//   POST subject/search|export|erase, GET subject/requests
//                                        the data subject's rights (kepala;
//                                        subject.cpp)
//   GET  alerts?after=N                  alarming cases newer than N (and
//                                        those of the last 2 minutes)
//   GET  recap?month=YYYY-MM             the monthly recap's figures and
//                                        who signs it (recap.cpp)
//   GET  recap/cases?month=&after=       its cases, 50 a page, oldest first
//   GET  recap.csv?month=YYYY-MM         the same as CSV for spreadsheets
//   GET  board                           what the facility's board shows
//   GET  kiosks?facility=                every kiosk with its last sync and
//                                        health (kiosks.cpp)
//   GET  skm?from=&to=&unit=             the SKM report of a period (skm.cpp)
//   GET  skm.csv?from=&to=&unit=         the same as CSV
//   POST skm/population {from, to, unit, population}
//                                        the report's population (mutu,
//                                        kepala, admin)
//   POST skm/details {from, to, unit, number, method, fieldwork_from,
//                     fieldwork_to, signed_day}
//                                        the report's number, method and
//                                        days (mutu, kepala, admin)
//   POST skm/import {file_name, source, content_base64}
//                                        SKM responses from a CSV file
//   POST skm/import/undo {id}            undoes an import (the role that
//                                        made it)
//   POST skm/rtl {from, to, unit, rows, text}
//                                        the report's follow-up plan (mutu,
//                                        kepala)
//   POST skm/letterhead {...}            the facility's letterhead, logo and
//                                        signatories (mutu, kepala, admin)
// A district admin adds ?facility=ID to lists and reports; other roles see
// their own facility only, and a case of another facility is 404 for them.
// A change may carry "request_id" (8 to 64 of A-Z a-z 0-9 -), the page's own
// id of that action: sent again on a retry, the action is not done twice
// (Actor in storage.hpp).
//
// Public (no session): GET /api/public/ticket/KEY (status, public answer and
// the ticket code only; KEY is the UUID of the kiosk's QR code or the ticket
// code, the latter limited per address) and GET /api/public/board/FACILITY,
// behind the pages /t/KEY and /papan/FACILITY. Static files of the app under
// /app/.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <semaphore>
#include <string>

#include "core/config.hpp"
#include "core/config_reply.hpp"
#include "core/i18n.hpp"
#include "server/dashboard/web.hpp"
#include "server/reports/recap.hpp"
#include "server/staff/rate_limit.hpp"
#include "server/storage/attachment_storage.hpp"
#include "server/storage/reply_storage.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

namespace reports {
struct SkmDocument;
}

// Where load_web_files keeps the kiosk's catalogs (id, en, jv: the phone
// pages speak them) among the web files: not a URL path, so never served.
inline constexpr const char* kKioskCatalogs = "kiosk-i18n/";

// The files of the web app, read once at start.
struct WebFile {
  std::string body;
  std::string content_type;
};
using WebFiles = std::map<std::string, WebFile>;  // by URL path, e.g. /app/app.js

// Where the web app's files are: server.toml's web.dir, else $KOTAK_WEB,
// else share/kotak/web of the installation, else the source tree.
std::filesystem::path find_web_dir(const core::ServerConfig& config);
// Reads the app (web_dir) and its catalogs (i18n_dir) into memory. Throws
// std::runtime_error naming what is missing.
WebFiles load_web_files(const std::filesystem::path& web_dir, const std::filesystem::path& i18n_dir);

// The bytes of standard base64 text (line breaks allowed); nullopt when it
// is not base64 (skm_import.cpp).
std::optional<std::string> decode_base64(const std::string& text);

struct WebResponse;
// The refusal (error.password_*) of a password the policy does not allow
// for this user; nullopt when it is fine (login.cpp).
std::optional<WebResponse> password_refusal(const std::string& password, const std::string& username);

class Dashboard {
 public:
  Dashboard(Storage& storage, const core::ServerConfig& config, WebFiles files);

  WebResponse login(const WebRequest& request);
  WebResponse logout(const WebRequest& request);
  WebResponse me(const WebRequest& request);
  // The further steps of a log-in (login.cpp).
  WebResponse login_code(const WebRequest& request);
  WebResponse login_password(const WebRequest& request);
  WebResponse login_totp(const WebRequest& request);
  // Accounts (accounts.cpp): the users an admin or kepala manages, and
  // each user's own password and second factor.
  WebResponse list_users(const WebRequest& request);
  WebResponse add_user(const WebRequest& request);
  WebResponse change_user(const WebRequest& request);  // captures: username, action
  WebResponse change_password(const WebRequest& request);
  WebResponse totp_start(const WebRequest& request);
  WebResponse totp_confirm(const WebRequest& request);
  WebResponse list_cases(const WebRequest& request);
  WebResponse add_case(const WebRequest& request);
  WebResponse get_case(const WebRequest& request);
  WebResponse change_case(const WebRequest& request);  // captures: id, action
  WebResponse identity(const WebRequest& request);
  // GET cases/ID/audio: a spoken complaint's Ogg/Opus, with range requests.
  WebResponse audio(const WebRequest& request);
  // Files attached to a case (attachments.cpp; captures: id, and the
  // file's number, "/thumbnail" or "").
  WebResponse attach_file(const WebRequest& request);
  WebResponse attachment_file(const WebRequest& request);
  WebResponse remove_attachment(const WebRequest& request);
  WebResponse identity_views(const WebRequest& request);
  // The casework tools (issue 15 items 7, 8 and 10; casework.cpp,
  // export.cpp): canned answers, bulk actions and exports of the register.
  WebResponse canned_answers(const WebRequest& request);
  WebResponse add_canned_answer(const WebRequest& request);
  WebResponse change_canned_answer(const WebRequest& request);  // captures: id, action
  WebResponse bulk_cases(const WebRequest& request);
  WebResponse export_cases(const WebRequest& request);  // captures: csv or xlsx
  // GET cases/ID/lapor/N[.csv]: the SP4N-LAPOR! package of a case passed on
  // (escalation.cpp; captures: id, n, ".csv" or "").
  WebResponse lapor(const WebRequest& request);
  // A unit's inbox (unit_inbox.cpp): the cases forwarded to the caller's
  // unit, one of them (captures: id), and the unit's answer {text}.
  WebResponse unit_cases(const WebRequest& request);
  WebResponse unit_case(const WebRequest& request);
  WebResponse unit_response(const WebRequest& request);
  WebResponse subject_search(const WebRequest& request);
  WebResponse subject_export(const WebRequest& request);
  WebResponse subject_erase(const WebRequest& request);
  WebResponse subject_requests(const WebRequest& request);
  WebResponse alerts(const WebRequest& request);
  WebResponse recap(const WebRequest& request);
  WebResponse recap_cases(const WebRequest& request);
  WebResponse recap_csv(const WebRequest& request);
  WebResponse board(const WebRequest& request);
  // The kiosks and their health (kiosks.cpp).
  WebResponse kiosks(const WebRequest& request);
  WebResponse skm_report(const WebRequest& request);
  WebResponse skm_csv(const WebRequest& request);
  WebResponse skm_population(const WebRequest& request);
  WebResponse skm_import(const WebRequest& request);
  WebResponse skm_rtl(const WebRequest& request);
  WebResponse skm_details(const WebRequest& request);
  WebResponse skm_import_undo(const WebRequest& request);
  WebResponse skm_letterhead(const WebRequest& request);

  // The answer to the patient (issue 15 item 4): where its messages are
  // kept and how they go. Unset, the case page offers no sending and a
  // case's mail address is refused.
  void set_replies(ReplyStorage* replies, const core::ReplyConfig& config) {
    replies_ = replies;
    reply_ = config;
  }

  // Files attached to cases (issue 15 item 6). Unset, cases take none.
  void set_attachments(AttachmentStorage* attachments) { attachments_ = attachments; }

  WebResponse public_ticket(const WebRequest& request);  // captures: UUID or ticket code
  WebResponse public_board(const WebRequest& request);   // captures: facility
  // The phone pages (phone.cpp): the page of /s/FACILITY?k=TOKEN, and one
  // answer sent from it (captures: facility).
  WebResponse phone_page(const WebRequest& request);
  WebResponse phone_send(const WebRequest& request);
  // The facility's QR secret, made at the first need (api.cpp hands it to
  // kiosks with their settings).
  std::string phone_secret(const std::string& facility_id);
  // A page opened from a fresh QR code may send this many windows later
  // (12 of 5 minutes: an hour), but no later.
  static constexpr std::int64_t kPhoneSendWindows = 12;
  // A file of the app by path; the page shells of /t/... and /papan/....
  WebResponse file(const std::string& path) const;

  static WebResponse error(int status, const std::string& reason);
  // A refusal staff may meet, by its catalog key (error.*): guarded() says
  // it in the reader's language; the key travels as "code" for scripts.
  static WebResponse refuse(int status, const std::string& key,
                            const std::map<std::string, std::string>& params = {});
  // Fills a refusal's "error" from the catalog of the language given.
  void localize(WebResponse& response, const std::string& language) const;

  // The clock, replaceable in tests (sessions, rate limit, overdue).
  std::function<std::int64_t()> now_ms;
  // The most cases one export of the register holds (export.cpp);
  // replaceable in tests.
  std::size_t max_export_cases = 10000;

 private:
  struct Caller {
    SessionUser session;
    std::string token_hash;
    std::string request_id = {};  // of a change: the body's request_id, when sent
    Actor actor() const { return {session.user.id, session.user.display_name, request_id}; }
    const staff::User& user() const { return session.user; }
  };
  using Handler = std::function<WebResponse(const Caller&)>;
  // Checks the session (and for changes the CSRF token and JSON body), runs
  // the handler and turns storage and input errors into JSON answers.
  // A background poll (Use::poll) is not the user's activity: it keeps no
  // idle session alive (issue 14 item 5).
  enum class Use { activity, poll };
  // Who may call: staff (every role but unit, the default), a unit's
  // account only (its inbox), or anyone logged in (their own session and
  // password). A unit's account is refused everything else (issue 15 item 2).
  enum class Who { staff, unit, anyone };
  WebResponse guarded(const WebRequest& request, bool change, const Handler& handler, Use use = Use::activity,
                      Who who = Who::staff);
  WebResponse checked(const WebRequest& request, bool change, const Handler& handler, Use use, Who who);
  std::optional<Caller> authenticate(const WebRequest& request, WebResponse& refusal, Use use);
  // The facility a request is about: the caller's own; an admin's choice.
  std::optional<std::string> facility_of(const Caller& caller, const WebRequest& request,
                                         WebResponse& refusal) const;
  std::string case_scope(const Caller& caller) const;
  // The answer to the patient (replies.cpp): POST cases/ID/reply {text,
  // email, sms} queues it; with_replies adds to a case's JSON what the
  // caller may send and the state of each message sent ("reply").
  WebResponse send_reply(const Caller& caller, std::int64_t id, const nlohmann::json& body);
  nlohmann::json with_replies(nlohmann::json page, const reg::Case& c, const std::vector<Reply>& messages,
                              const Caller& caller);
  // What a case's JSON says of its files (attachments.cpp): the caller's
  // access, the files it may see, whether it may add one.
  nlohmann::json with_attachments(nlohmann::json page, const reg::Case& c, const Caller& caller);
  // A case's page as the caller reads it: case_json with its messages to
  // the patient and its files; 404 when the caller's puskesmas has no such
  // case. The messages are read before the case: a message turns "sent" in
  // the transaction that records its answer, so no page shows a message
  // sent without that answer.
  WebResponse case_page(std::int64_t id, const Caller& caller);
  // A case as a unit may read it; full: with its text (redacted, none of a
  // rahasia case), the forwarding note and the unit's answer.
  nlohmann::json unit_case_json(const reg::Case& c, bool full);
  // The case of the request's id in the caller unit's inbox; else the
  // refusal (404 not in the facility, 403 not forwarded to the unit).
  std::optional<reg::Case> inbox_case(const Caller& caller, const WebRequest& request, WebResponse& refusal);
  // The monthly recap a request asks for (?month=YYYY-MM) and its facility.
  std::optional<reports::Recap> recap_of(const Caller& caller, const WebRequest& request,
                                         std::string& facility, WebResponse& refusal);
  // The one facility an SKM request is about (skm.cpp).
  std::optional<Facility> skm_facility(const Caller& caller, const WebRequest& request,
                                       WebResponse& refusal);
  // An SKM report: guarded, about one facility, period and unit.
  using SkmView = std::function<WebResponse(const Caller&, const reports::SkmDocument&)>;
  WebResponse skm_view(const WebRequest& request, const SkmView& view);
  // An SKM change: guarded, about one facility, by a role allowed to make it.
  using SkmChange = std::function<WebResponse(const Caller&, const Facility&, const nlohmann::json&)>;
  WebResponse skm_change(const WebRequest& request, bool (*allowed)(staff::Role), const std::string& refused,
                         const SkmChange& change);
  std::string units_json(const std::string& facility_id);
  bool is_unit_of(const std::string& facility_id, const std::string& unit);
  // The facility's service units: its kiosk settings', else server.toml's.
  std::vector<core::Unit> units_of(const std::string& facility_id);
  // unit when it is "" or one of the facility's; else throws the refusal
  // (cases.cpp) naming the form's field key.
  std::string known_unit(const std::string& facility_id, const std::string& unit, const char* key);
  // The catalog of the language asked for (lang=en), Bahasa Indonesia else.
  const core::Catalog& catalog(const std::string& language) const;
  std::string cookie(const std::string& token, std::int64_t max_age_s) const;
  // An Origin header that names another site.
  bool other_origin(const WebRequest& request) const;
  // argon2id within the limit of checks at once (password_checks_).
  bool checked_password(const std::string& hash, const std::string& password);
  std::string hashed_password(const std::string& password);
  // A new session of the user: its cookie and the page's start (auth.cpp).
  WebResponse begin_session(const staff::User& user, const WebRequest& request);
  // After the password: the second factor when the user has one, else the
  // session (login.cpp).
  WebResponse next_step(const staff::User& user, const WebRequest& request);
  // A half-finished log-in of that kind for the user, as the page's answer.
  WebResponse challenge(const staff::User& user, const std::string& kind);
  // A log-in step: the origin checked, the JSON body parsed, refusals said
  // in the reader's language.
  WebResponse login_step(const WebRequest& request, const std::function<WebResponse(const nlohmann::json&)>& step);
  // 429 with Retry-After while the account may not be tried from there.
  std::optional<WebResponse> too_many(const std::string& account, const WebRequest& request);

  Storage& storage_;
  core::ServerConfig config_;
  WebFiles files_;
  std::map<std::string, core::Catalog> catalogs_;  // "id", "en": from files_, parsed once
  staff::LoginLimiter limiter_;
  // Ticket codes that found nothing, per client address: someone guessing
  // codes is slowed down the way a guessed password is (counted with the
  // failed log-ins, under an account name no staff member has).
  staff::LoginLimiter ticket_limiter_;
  // Answers sent from phones, counted per address (over every QR code) and
  // per QR code (over every address) in the same table.
  staff::LoginLimiter phone_address_limiter_;
  staff::LoginLimiter phone_token_limiter_;
  // The kiosk's catalogs (id, en, jv), which the phone pages speak.
  std::map<std::string, core::Catalog> phone_catalogs_;
  const core::Catalog& phone_words(const std::string& language) const;
  // argon2id takes 64 MB per check: at most two at once keep a burst of
  // log-ins within the service's memory limit (MemoryMax in the unit).
  std::counting_semaphore<2> password_checks_{2};
  // An export holds a whole file in memory (export.cpp bounds it): at most
  // two at once.
  std::counting_semaphore<2> export_slots_{2};
  ReplyStorage* replies_ = nullptr;
  core::ReplyConfig reply_;
  AttachmentStorage* attachments_ = nullptr;
  // An upload's image is decoded in up to 64 MB (attachments/file_check):
  // two at once.
  std::counting_semaphore<2> upload_slots_{2};
};

}  // namespace kotak::server
