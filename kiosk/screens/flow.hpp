// Handing finished answers to the Outbox, shared by the screens that end a
// step and by the idle timeout. Each returns false (and notes the reason
// for the admin screen) when the store refused the answer.
#pragma once

#include "kiosk/screens/screen.hpp"

namespace kotak::kiosk {

// Saves the face answer once (later calls do nothing); true without a face.
bool save_face(Ctx& ctx, bool idle_timeout);
// Saves the written complaint with a new ticket and prepares the thanks
// screen (ticket, tracking QR).
bool save_written(Ctx& ctx);
// Saves the survey if at least one element was answered.
bool save_skm(Ctx& ctx, bool idle_timeout);

// The tracking page of a saved answer: {tracking_url}/t/{id}.
std::string tracking_link(const std::string& tracking_url, const std::string& id);

}  // namespace kotak::kiosk
