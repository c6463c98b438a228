// Handing finished answers to the Outbox, shared by the screens that end a
// step and by the idle timeout. Each returns false (and notes the reason
// for the admin screen) when the store refused the answer.
#pragma once

#include "kiosk/screens/screen.hpp"

namespace kotak::kiosk {

// Stores the face as the patient has it now: the tap the first time (the
// burst rule may flag it), a correction naming the tap when the face or the
// unit changed since, nothing when nothing did. True without a face.
bool store_face(Ctx& ctx);
// Saves the written complaint with a new ticket and prepares the thanks
// screen (ticket, tracking QR).
bool save_written(Ctx& ctx);
// Saves the survey if at least one element was answered.
bool save_skm(Ctx& ctx, bool idle_timeout);

// The tracking page of a saved answer: {tracking_url}/t/{id}.
std::string tracking_link(const std::string& tracking_url, const std::string& id);

}  // namespace kotak::kiosk
