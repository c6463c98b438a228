// See reply_types.hpp and reply_rows.hpp: names of the channels and states,
// and the history lines of messages to the patient, the same in both engines.
#include <nlohmann/json.hpp>

#include "server/storage/reply_rows.hpp"
#include "server/storage/reply_storage.hpp"

#if KOTAK_POSTGRESQL
#include "server/storage/postgres/pg_storage.hpp"
#endif

namespace kotak::server {

using nlohmann::json;

std::string_view to_string(ReplyChannel channel) { return channel == ReplyChannel::email ? "email" : "sms"; }

std::string_view to_string(ReplyState state) {
  switch (state) {
    case ReplyState::queued: return "queued";
    case ReplyState::sent: return "sent";
    case ReplyState::failed: return "failed";
  }
  return "failed";
}

std::optional<ReplyChannel> parse_reply_channel(std::string_view text) {
  if (text == "email") return ReplyChannel::email;
  if (text == "sms") return ReplyChannel::sms;
  return std::nullopt;
}

std::optional<ReplyState> parse_reply_state(std::string_view text) {
  for (auto s : {ReplyState::queued, ReplyState::sent, ReplyState::failed})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

namespace rows {

namespace {
json channels(const std::vector<NewReply>& replies) {
  json out = json::array();
  for (const auto& r : replies) out.push_back(std::string(to_string(r.channel)));
  return out;
}
}  // namespace

std::string reply_use_detail(const std::vector<NewReply>& replies) {
  return json{{"use", "reply"}, {"channels", channels(replies)}}.dump();
}

std::string reply_queued_detail(const std::vector<NewReply>& replies) {
  return json{{"channels", channels(replies)}}.dump();
}

std::string reply_failed_detail(const Reply& reply, const std::string& error) {
  return json{{"channel", to_string(reply.channel)}, {"via", reply.via}, {"error", error}}.dump();
}

std::optional<CaseEdit> reply_answer(const reg::Case& before, const Reply& reply, std::int64_t now_ms) {
  auto channel = reply.channel == ReplyChannel::email ? reg::AnswerChannel::email : reg::AnswerChannel::sms_wa;
  try {
    auto edit = plan_edit(before, NewAnswer{channel, reply.answer, std::nullopt}, now_ms);
    auto detail = json::parse(edit.detail);
    detail["reply"] = true;
    detail["via"] = reply.via;
    edit.detail = detail.dump();
    return edit;
  } catch (const StorageError&) {
    return std::nullopt;
  }
}

Actor reply_actor(const Reply& reply) { return {reply.user_id, reply.user_name}; }

}  // namespace rows

std::unique_ptr<ReplyStorage> open_sqlite_replies(const std::filesystem::path& file);
#if KOTAK_POSTGRESQL
std::unique_ptr<ReplyStorage> open_pg_replies(const PgOptions& options);
#endif

std::unique_ptr<ReplyStorage> open_reply_storage(const core::ServerConfig& config) {
  if (config.engine == "postgresql") {
#if KOTAK_POSTGRESQL
    auto options = pg::options_of(config);
    options.pool = 2;  // the dashboard's few sends and the job
    return open_pg_replies(options);
#else
    throw StorageError(StorageErrc::failed, kNoPostgresql);
#endif
  }
  return open_sqlite_replies(config.database);
}

}  // namespace kotak::server
