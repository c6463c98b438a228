// See display.hpp.
//
// The loop: SDL_WaitEventTimeout does not sleep on the kmsdrm, offscreen and
// dummy drivers (it wakes every millisecond), so the loop polls events
// itself and sleeps in between: briefly while a patient is using the screen
// (input feels immediate), longer when nobody has touched it for a while.
// A frame is drawn only when something changed: input, an animation, or a
// deadline the app asked for (idle countdown, board rotation, thanks
// timeout). With nothing to do the kiosk draws nothing and uses next to no
// CPU.
#include "kiosk/platform/display.hpp"

#include <SDL.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/log.hpp"
#include "kiosk/platform/headless.hpp"
#include "kiosk/platform/microphone.hpp"
#include "kiosk/platform/notify.hpp"
#include "kiosk/platform/runner.hpp"
#include "kiosk/platform/speaker.hpp"

namespace kotak::kiosk {

namespace {

std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop = true; }

constexpr double kActiveSlice = 0.012;  // poll period while in use
constexpr double kIdleSlice = 0.040;    // poll period after kQuietAfter without input
constexpr double kQuietAfter = 10.0;
constexpr double kAfterInput = 0.25;  // keep drawing this long after input
constexpr double kMinFrame = 1.0 / 60.0;

struct Window {
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  ~Window() {
    if (renderer) SDL_DestroyRenderer(renderer);
    if (window) SDL_DestroyWindow(window);
  }
};

SDL_Renderer* make_renderer(SDL_Window* window, const RendererPlan& plan) {
  if (plan.software) {
    // Left alone, SDL puts a window's software surface on an OpenGL texture
    // (SDL_HINT_FRAMEBUFFER_ACCELERATION) and so loads the GL driver after
    // all. With the hint off it draws into X's shared memory (or the video
    // driver's own framebuffer). An operator's SDL_FRAMEBUFFER_ACCELERATION
    // in the environment still wins over this.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE))
      return renderer;
    // KMSDRM has no framebuffer of its own in SDL 2.26: it draws through
    // OpenGL ES whatever the renderer.
    core::log::warning(std::string("cannot draw in software on video driver ") +
                       SDL_GetCurrentVideoDriver() + " (" + SDL_GetError() +
                       "); trying the GPU renderer");
  }
  SDL_Renderer* renderer =
      SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!renderer) {
    core::log::warning(std::string("no accelerated renderer (") + SDL_GetError() +
                       "); drawing in software");
    renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  }
  return renderer;
}

bool open_window(Window& w, const DisplayOptions& options, bool fullscreen) {
  Uint32 flags = SDL_WINDOW_SHOWN;
  if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  w.window = SDL_CreateWindow("Kotak", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              options.width, options.height, flags);
  if (!w.window) {
    core::log::error(std::string("cannot open the display: ") + SDL_GetError());
    return false;
  }
  const RendererPlan plan = plan_renderer(std::getenv("SDL_RENDER_DRIVER"), "/dev/dri");
  w.renderer = make_renderer(w.window, plan);
  if (!w.renderer) {
    core::log::error(std::string("cannot make a renderer: ") + SDL_GetError());
    return false;
  }
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(w.renderer, &info);
  core::log::info(std::string("video driver ") + SDL_GetCurrentVideoDriver() + ", renderer " +
                  info.name + " (" + plan.reason + ")");
  return true;
}

}  // namespace

RendererPlan plan_renderer(const char* render_driver, const std::filesystem::path& dri_dir) {
  if (render_driver && *render_driver) {
    const std::string name = render_driver;
    return {name == "software", "SDL_RENDER_DRIVER=" + name + " from the environment"};
  }
  std::string refused;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dri_dir, error)) {
    if (entry.path().filename().string().rfind("renderD", 0) != 0) continue;
    const int fd = open(entry.path().c_str(), O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
      close(fd);
      return {false, "GPU render node " + entry.path().string()};
    }
    refused = entry.path().string() + ": " + std::strerror(errno);
  }
  if (!refused.empty())
    return {true, "no GPU render node may be opened (" + refused +
                      "; is the kiosk's user in the group render?)"};
  return {true, "no GPU render node in " + dri_dir.string() + "; drawing without a GL driver"};
}

int run_display(const std::filesystem::path& config, const DisplayOptions& options) {
  // Touches must arrive as fingers only; SDL's made-up mouse events would
  // press every button twice.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    core::log::error(std::string("cannot start SDL: ") + SDL_GetError());
    return 1;
  }
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  int code = 0;
  {
    Clock clock(false);
    App app(config, clock);
    // Sound is optional: a Pi without speakers still takes answers.
    Speech speech = start_speech(app.config().speech, false, {});
    app.set_speaker(speech.speaker.get());
    // So is the microphone: without one "Rekam suara" is hidden.
    Microphone mic = start_microphone(app.config().max_voice_seconds, false, {});
    app.set_voice(mic.in.get(), speech.out.get());
    const bool fullscreen = !options.windowed && app.config().fullscreen;
    Window w;
    if (!open_window(w, options, fullscreen)) {
      SDL_Quit();
      return 1;
    }
    SDL_ShowCursor(options.windowed ? SDL_ENABLE : SDL_DISABLE);
    SDL_StartTextInput();
    int pw = 0, ph = 0;
    SDL_GetRendererOutputSize(w.renderer, &pw, &ph);
    int ww = 0, wh = 0;
    SDL_GetWindowSize(w.window, &ww, &wh);
    const float scale_x = ww > 0 ? static_cast<float>(pw) / static_cast<float>(ww) : 1.0f;
    const float scale_y = wh > 0 ? static_cast<float>(ph) / static_cast<float>(wh) : 1.0f;
    Rotation rotation(app.rotation(), pw, ph);
    core::log::info("screen " + std::to_string(pw) + "x" + std::to_string(ph) + ", rotation " +
                    std::to_string(rotation.degrees()));
    // A software renderer draws into the window's surface (the runner
    // ignores this for any other renderer).
    SDL_Window* window = w.window;
    FrameRunner runner(w.renderer, rotation, app.config().px_per_mm,
                       [window] { return SDL_GetWindowSurface(window); });
    TouchInput touch;
    SystemdNotifier notifier;
    SDL_FingerID finger = 0;
    bool finger_down = false;
    bool first = true;
    double last_input = clock.now() - kQuietAfter;
    double last_frame = clock.now();
    bool redraw = true;

    while (!g_stop) {
      bool input = false;
      SDL_Event e;
      while (SDL_PollEvent(&e)) {
        switch (e.type) {
          case SDL_QUIT:
            g_stop = true;
            break;
          case SDL_FINGERDOWN:
          case SDL_FINGERMOTION:
          case SDL_FINGERUP: {
            // Only the first finger counts; a palm or second finger is ignored.
            if (e.type == SDL_FINGERDOWN && !finger_down) {
              finger = e.tfinger.fingerId;
              finger_down = true;
            } else if (!finger_down || e.tfinger.fingerId != finger) {
              break;
            }
            Vec2 physical{e.tfinger.x * static_cast<float>(pw),
                          e.tfinger.y * static_cast<float>(ph)};
            auto type = e.type == SDL_FINGERDOWN ? PointerEvent::Type::down
                        : e.type == SDL_FINGERUP ? PointerEvent::Type::up
                                                 : PointerEvent::Type::move;
            if (e.type == SDL_FINGERUP) finger_down = false;
            touch.push({type, rotation.to_logical(physical)});
            input = true;
            break;
          }
          case SDL_MOUSEBUTTONDOWN:
          case SDL_MOUSEBUTTONUP:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) break;
            touch.push(
                {e.type == SDL_MOUSEBUTTONDOWN ? PointerEvent::Type::down : PointerEvent::Type::up,
                 rotation.to_logical({static_cast<float>(e.button.x) * scale_x,
                                      static_cast<float>(e.button.y) * scale_y})});
            input = true;
            break;
          case SDL_MOUSEMOTION:
            if (e.motion.which == SDL_TOUCH_MOUSEID || !(e.motion.state & SDL_BUTTON_LMASK)) break;
            touch.push({PointerEvent::Type::move,
                        rotation.to_logical({static_cast<float>(e.motion.x) * scale_x,
                                             static_cast<float>(e.motion.y) * scale_y})});
            input = true;
            break;
          case SDL_TEXTINPUT:
            app.text_input(e.text.text);
            input = true;
            break;
          case SDL_KEYDOWN:
            if (e.key.keysym.sym == SDLK_BACKSPACE) app.key_backspace();
            if (e.key.keysym.sym == SDLK_RETURN) app.text_input("\n");
            if (e.key.keysym.sym == SDLK_ESCAPE && options.windowed) g_stop = true;
            input = true;
            break;
          case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_EXPOSED) redraw = true;
            break;
          default:
            break;
        }
      }
      double now = clock.now();
      if (input) {
        app.touched();
        last_input = now;
      }
      redraw = app.update() || redraw;
      const double wake = app.next_wake(runner.ui());
      const bool draw = first || redraw || input || touch.pending() || now >= wake ||
                        now - last_input < kAfterInput;
      if (draw) {
        PointerFrame pointer = touch.next_frame();
        runner.frame(app, pointer, now, now - last_frame, true);
        SDL_RenderPresent(w.renderer);
        last_frame = now;
        redraw = false;
        if (first) {
          first = false;
          core::log::info("first frame on screen " +
                          std::to_string(std::lround(ms_since_process_start())) +
                          " ms after start");
          notifier.ready();
        }
      }
      notifier.tick(now);
      // Sleep until the next frame (while busy), the next deadline, or the
      // next look at the input queue, whichever comes first.
      now = clock.now();
      double slice = now - last_input < kQuietAfter ? kActiveSlice : kIdleSlice;
      double until = std::min({app.next_wake(runner.ui()), notifier.next_due(), now + slice});
      if (touch.pending() || runner.ui().animating() || now - last_input < kAfterInput)
        until = std::min(until, last_frame + kMinFrame);
      if (until > now) SDL_Delay(static_cast<Uint32>(std::ceil((until - now) * 1000)));
    }
    notifier.stopping();
    core::log::info("stopping");
  }
  SDL_Quit();
  return code;
}

}  // namespace kotak::kiosk
