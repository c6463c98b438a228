// The widgets' touch rules with a real imgui context (no rendering): a tap
// counts once on release, a drag is never a tap and scrolls instead, a
// press that began before a screen change does nothing, and every tappable
// thing is registered under its id.
#include <doctest/doctest.h>

#include <cfloat>

#include "kiosk/platform/fonts.hpp"
#include "kiosk/platform/touch.hpp"
#include "kiosk/ui/ui.hpp"

using namespace kotak::kiosk;

namespace {

class Harness {
 public:
  Harness() {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 480);
    io.MouseDragThreshold = 10;
    ImFont* font = io.Fonts->AddFontDefault();
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    fonts_ = {font, font, font, font};
    metrics_ = Metrics::for_screen(800, 480);
  }
  ~Harness() { ImGui::DestroyContext(context_); }

  // One frame: the pointer, then draw() with the Ui.
  template <typename Draw>
  void frame(const PointerFrame& p, Draw&& draw) {
    now_ += 1.0 / 60;
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60;
    io.MousePos = p.present ? ImVec2(p.pos.x, p.pos.y) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = p.down;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("t", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ui.begin_frame(metrics_, fonts_, catalog_, now_);
    draw(ui);
    ImGui::End();
    ImGui::Render();
  }

  // Runs frames until the touch layer is through, counting taps on a button.
  int taps(TouchInput& touch, const Rect& r, const char* id) {
    int count = 0;
    for (int i = 0; i < 30; ++i) {
      frame(touch.next_frame(),
            [&](Ui& u) { count += u.button(r, {.id = id, .label = "OK"}) ? 1 : 0; });
      if (!touch.pending()) break;
    }
    return count;
  }

  Ui ui;
  double now_ = 100;

 private:
  ImGuiContext* context_;
  Fonts fonts_;
  Metrics metrics_;
  kotak::core::Catalog catalog_;
};

const Rect kButton{100, 100, 200, 80};

}  // namespace

TEST_CASE("a quick tap counts once - on release") {
  Harness h;
  TouchInput touch;
  h.frame({}, [](Ui& u) { u.button(kButton, {.id = "b", .label = "OK"}); });
  touch.push({PointerEvent::Type::down, {150, 140}});
  touch.push({PointerEvent::Type::up, {150, 140}});
  CHECK(h.taps(touch, kButton, "b") == 1);
  REQUIRE(h.ui.targets().size() == 1);
  CHECK(h.ui.targets()[0].id == "b");
  CHECK(h.ui.targets()[0].label == "OK");
}

TEST_CASE("a drag that starts on a button is not a tap") {
  Harness h;
  TouchInput touch;
  h.frame({}, [](Ui& u) { u.button(kButton, {.id = "b", .label = "OK"}); });
  touch.push({PointerEvent::Type::down, {120, 140}});
  for (float x = 125; x <= 260; x += 15) touch.push({PointerEvent::Type::move, {x, 140}});
  touch.push({PointerEvent::Type::up, {260, 140}});
  CHECK(h.taps(touch, kButton, "b") == 0);
  // A small wobble under the threshold is still a tap.
  touch.push({PointerEvent::Type::down, {150, 140}});
  touch.push({PointerEvent::Type::move, {153, 142}});
  touch.push({PointerEvent::Type::up, {154, 142}});
  CHECK(h.taps(touch, kButton, "b") == 1);
}

TEST_CASE("a release outside the button is not a tap") {
  Harness h;
  TouchInput touch;
  h.frame({}, [](Ui& u) { u.button(kButton, {.id = "b", .label = "OK"}); });
  touch.push({PointerEvent::Type::down, {150, 140}});
  touch.push({PointerEvent::Type::up, {500, 400}});
  CHECK(h.taps(touch, kButton, "b") == 0);
}

TEST_CASE("a press that began before the screen changed does nothing") {
  Harness h;
  TouchInput touch;
  h.frame({}, [](Ui& u) { u.button(kButton, {.id = "b", .label = "OK"}); });
  touch.push({PointerEvent::Type::down, {150, 140}});
  h.frame(touch.next_frame(), [](Ui& u) { u.button(kButton, {.id = "b", .label = "OK"}); });
  h.ui.guard_input(h.now_ + 0.3);  // the screen changed under the finger
  touch.push({PointerEvent::Type::up, {150, 140}});
  CHECK(h.taps(touch, kButton, "b") == 0);
}

TEST_CASE("dragging scrolls content taller than its area - the offset is clamped") {
  Harness h;
  TouchInput touch;
  const Rect area{0, 0, 400, 200};
  float offset = 0;
  auto draw = [&](Ui& u) { offset = u.scroll(area, "list", 500); };
  h.frame({}, draw);
  touch.push({PointerEvent::Type::down, {200, 180}});
  for (float y = 170; y >= 80; y -= 10) touch.push({PointerEvent::Type::move, {200, y}});
  touch.push({PointerEvent::Type::up, {200, 80}});
  for (int i = 0; i < 30 && touch.pending(); ++i) h.frame(touch.next_frame(), draw);
  CHECK(offset > 50);
  CHECK(offset <= 300);
  touch.push({PointerEvent::Type::down, {200, 10}});
  for (float y = 20; y <= 190; y += 10) touch.push({PointerEvent::Type::move, {200, y}});
  touch.push({PointerEvent::Type::up, {200, 190}});
  for (int i = 0; i < 40 && touch.pending(); ++i) h.frame(touch.next_frame(), draw);
  CHECK(offset == 0);
}

TEST_CASE("long text wraps inside its box and never spills out") {
  Harness h;
  std::string word(300, 'w');
  h.frame({}, [&](Ui& u) {
    Rect used = u.text({10, 10, 200, 60}, word + " " + word, {.max_lines = 3});
    CHECK(used.right() <= 210.5f);
    CHECK(used.bottom() <= 10 + 60 + 14);
  });
  auto lines = wrap_lines(ImGui::GetFont(), ImGui::GetFont()->FontSize, "a\n\nb\n", 100);
  CHECK(lines.size() == 4);
}

TEST_CASE("text is drawn in NFC - one dotted circle per character the font lacks, never per code point") {
  ImGuiContext* context = ImGui::CreateContext();
  const Fonts fonts = load_fonts(Metrics::for_screen(800, 480));
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  const ImFont* body = fonts.body;
  const std::string circle = "\xE2\x97\x8C";
  CHECK(Ui::drawable("Antrean lama", body) == "Antrean lama");
  CHECK(Ui::drawable("Jose\xCC\x81", body) == "Jos\xC3\xA9");            // é, not e◌
  CHECK(Ui::drawable("Nguye\xCC\x82\xCC\x83n", body) == "Nguy\xE1\xBB\x85n");  // ễ, drawn
  const std::string family =
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  CHECK(Ui::drawable("ok " + family + "!", body) == "ok " + circle + "!");
  CHECK(Ui::drawable("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", body) == circle);  // thumbs up, skin tone
  CHECK(Ui::drawable("\xF0\x9F\x87\xAE\xF0\x9F\x87\xA9", body) == circle);  // the flag ID
  // Back from what is drawn to the text: after the family comes the "!".
  const std::string text = "ok " + family + "!";
  CHECK(Ui::original_offset(text, body, 3 + circle.size()) == 3 + family.size());
  ImGui::DestroyContext(context);
}
