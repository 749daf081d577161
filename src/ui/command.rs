//! Every app-wide action with its keyboard shortcut and its Chinese name: the one place for keys.

use egui::{Key, KeyboardShortcut, Modifiers};

/// An action the user can take from anywhere in the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Leave the current screen (Esc).
    Back,
    /// Toggle fullscreen (F11).
    ToggleFullscreen,
    /// Enlarge everything by one step (Ctrl+=).
    ZoomIn,
    /// Shrink everything by one step (Ctrl+-).
    ZoomOut,
    /// Back to 100 % (Ctrl+0).
    ZoomReset,
    /// Open a bank file (Ctrl+O).
    OpenBankFile,
    /// Save the bank being edited (Ctrl+S; bank editor only).
    Save,
    /// Redo the last undone edit (Ctrl+Y or Ctrl+Shift+Z; bank editor only).
    Redo,
    /// Undo the last edit (Ctrl+Z; bank editor only).
    Undo,
}

impl Command {
    /// Every command, in the order the shortcut list shows them.
    /// Redo comes before Undo: Ctrl+Shift+Z must be taken as redo before Ctrl+Z (which also
    /// matches it) is looked at.
    pub const ALL: [Command; 9] = [
        Command::Back,
        Command::ToggleFullscreen,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::OpenBankFile,
        Command::Save,
        Command::Redo,
        Command::Undo,
    ];

    /// Chinese name, for menus and the shortcut list.
    pub fn label(self) -> &'static str {
        match self {
            Command::Back => "返回上一页",
            Command::ToggleFullscreen => "全屏 / 退出全屏",
            Command::ZoomIn => "放大",
            Command::ZoomOut => "缩小",
            Command::ZoomReset => "恢复 100%",
            Command::OpenBankFile => "打开题库文件",
            Command::Save => "保存题库（编辑题库时）",
            Command::Redo => "重做（编辑题库时）",
            Command::Undo => "撤销（编辑题库时）",
        }
    }

    /// The shortcuts that trigger the command; the first is the one shown.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const fn plain(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::NONE, key)
        }
        const fn command(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::COMMAND, key)
        }
        const BACK: &[KeyboardShortcut] = &[plain(Key::Escape)];
        const FULLSCREEN: &[KeyboardShortcut] = &[plain(Key::F11)];
        const ZOOM_IN: &[KeyboardShortcut] = &[command(Key::Equals), command(Key::Plus)];
        const ZOOM_OUT: &[KeyboardShortcut] = &[command(Key::Minus)];
        const ZOOM_RESET: &[KeyboardShortcut] = &[command(Key::Num0)];
        const OPEN: &[KeyboardShortcut] = &[command(Key::O)];
        const SAVE: &[KeyboardShortcut] = &[command(Key::S)];
        const REDO: &[KeyboardShortcut] = &[
            command(Key::Y),
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
        ];
        const UNDO: &[KeyboardShortcut] = &[command(Key::Z)];
        match self {
            Command::Back => BACK,
            Command::ToggleFullscreen => FULLSCREEN,
            Command::ZoomIn => ZOOM_IN,
            Command::ZoomOut => ZOOM_OUT,
            Command::ZoomReset => ZOOM_RESET,
            Command::OpenBankFile => OPEN,
            Command::Save => SAVE,
            Command::Redo => REDO,
            Command::Undo => UNDO,
        }
    }

    /// Whether a text field should keep this key for itself while it has focus.
    fn yields_to_text_field(self) -> bool {
        matches!(self, Command::Back)
    }

    /// Whether the command belongs to the bank editor: its keys are left alone elsewhere (the
    /// 知识竞赛 console has its own Ctrl+Z).
    fn is_editor_command(self) -> bool {
        matches!(self, Command::Save | Command::Redo | Command::Undo)
    }

    /// The shortcut as shown to users, e.g. `Ctrl+=` (users of this app are on Windows and Linux).
    pub fn shortcut_text(self) -> String {
        let Some(shortcut) = self.shortcuts().first() else {
            return String::new();
        };
        let key = match shortcut.logical_key {
            Key::Escape => "Esc",
            key => key.symbol_or_name(),
        };
        if shortcut.modifiers.command {
            format!("Ctrl+{key}")
        } else {
            key.to_owned()
        }
    }

    /// Commands whose shortcut was pressed this frame; their key presses are consumed. The bank
    /// editor's commands are looked for only when `editing`. Ctrl+Z and Ctrl+Y are taken before a
    /// text field sees them, so that undo covers every edit, typing included.
    pub fn pressed(ctx: &egui::Context, editing: bool) -> Vec<Command> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut pressed = Vec::new();
        ctx.input_mut(|input| {
            for command in Command::ALL {
                if (typing && command.yields_to_text_field()) || (!editing && command.is_editor_command()) {
                    continue;
                }
                if command.shortcuts().iter().any(|s| input.consume_shortcut(s)) {
                    pressed.push(command);
                }
            }
        });
        pressed
    }
}

/// Keys 1–9 choose options 1–9.
const DIGIT_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];
/// Keys A–H choose options A–H.
const LETTER_KEYS: [Key; 8] = [Key::A, Key::B, Key::C, Key::D, Key::E, Key::F, Key::G, Key::H];

/// Consumes 1–9 and the letters of the first `options` options (at least A and B, for 判断);
/// returns the 0-based choices.
fn consume_choices(input: &mut egui::InputState, options: usize) -> Vec<usize> {
    let mut chosen = Vec::new();
    for (index, key) in DIGIT_KEYS.iter().enumerate() {
        if input.consume_key(Modifiers::NONE, *key) {
            chosen.push(index);
        }
    }
    for (index, key) in LETTER_KEYS.iter().enumerate().take(options.max(2)) {
        if input.consume_key(Modifiers::NONE, *key) {
            chosen.push(index);
        }
    }
    chosen
}

/// A key pressed while answering a question. Single keys never fire while a text field has focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKey {
    /// 1–9 or A–H: pick option (or 排序 row) number n, 0-based. For 判断, 1/A is 正确 and 2/B 错误.
    Choose(usize),
    /// Enter: submit the answer, or go on once it is judged.
    Submit,
    /// Space: next question.
    Next,
    /// F (Ctrl+F when the question has an option F): star or unstar.
    Favourite,
    /// ↑: move the highlighted 排序 row up.
    Up,
    /// ↓: move the highlighted 排序 row down.
    Down,
    /// ←: previous question (exams).
    Previous,
    /// →: next question without submitting (exams).
    Forward,
}

impl AnswerKey {
    /// The keys and what they do, for the help line under a question.
    pub const HELP: &'static str = "键盘：1–9 或 A–H 选择 · Enter 提交 · 空格 下一题 · F 收藏 · ↑↓ 调整排序";

    /// Keys pressed this frame, consumed. `options` is the number of options of the question
    /// shown: letters beyond it are not taken, and F is an option letter when there are six or more.
    pub fn pressed(ctx: &egui::Context, options: usize) -> Vec<AnswerKey> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        let f_is_option = options > 5;
        let mut pressed = Vec::new();
        ctx.input_mut(|input| {
            if input.consume_key(Modifiers::COMMAND, Key::F)
                || (!f_is_option && input.consume_key(Modifiers::NONE, Key::F))
            {
                pressed.push(AnswerKey::Favourite);
            }
            pressed.extend(consume_choices(input, options).into_iter().map(AnswerKey::Choose));
            let plain = [
                (Key::Enter, AnswerKey::Submit),
                (Key::Space, AnswerKey::Next),
                (Key::ArrowUp, AnswerKey::Up),
                (Key::ArrowDown, AnswerKey::Down),
                (Key::ArrowLeft, AnswerKey::Previous),
                (Key::ArrowRight, AnswerKey::Forward),
            ];
            for (key, answer_key) in plain {
                if input.consume_key(Modifiers::NONE, key) {
                    pressed.push(answer_key);
                }
            }
        });
        pressed
    }
}

/// A key pressed by the host on a projector screen (挑战答题, 擂台赛). Never fires inside a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageKey {
    /// 1–9 or A–H: answer option n on the contestant's behalf (判断: 1/A 正确, 2/B 错误).
    Choose(usize),
    /// Enter: submit a 多选 answer.
    Submit,
    /// Space: start, or go on to the next question or bout.
    Next,
    /// Z: undo the last judgement.
    Undo,
    /// P: pause or resume the countdown.
    Pause,
}

impl StageKey {
    /// The keys, for the help line on projector screens.
    pub const HELP: &'static str =
        "空格 开始/下一题 · 1–9 或 A–H 作答 · Enter 提交多选 · Z 撤销判定 · P 暂停 · Esc 菜单";

    /// Keys pressed this frame, consumed; `options` limits the letters taken.
    pub fn pressed(ctx: &egui::Context, options: usize) -> Vec<StageKey> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        let mut pressed = Vec::new();
        ctx.input_mut(|input| {
            pressed.extend(consume_choices(input, options).into_iter().map(StageKey::Choose));
            let plain = [
                (Key::Enter, StageKey::Submit),
                (Key::Space, StageKey::Next),
                (Key::Z, StageKey::Undo),
                (Key::P, StageKey::Pause),
            ];
            for (key, stage_key) in plain {
                if input.consume_key(Modifiers::NONE, key) {
                    pressed.push(stage_key);
                }
            }
        });
        pressed
    }
}

/// The host's keys on the 知识竞赛 console: function keys, so USB buzzers (which type letters and
/// digits) never trigger them. Never fire inside a text field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKey {
    /// F1: show the next question (风险题: after the pick).
    Show,
    /// F2: open the buzzers.
    Open,
    /// F3: judge right.
    Right,
    /// F4: judge wrong.
    Wrong,
    /// F5: reveal the answer to the audience.
    Reveal,
    /// F6: void the question.
    Void,
    /// F7: reopen the buzzers after a wrong answer.
    Reopen,
    /// F8: next question, turn or round.
    Next,
    /// F9: pause or resume the clocks.
    Pause,
    /// Ctrl+Z: undo the latest event.
    Undo,
}

impl HostKey {
    /// Every host key with its shortcut, in the order the console lists them.
    pub const ALL: [(HostKey, Key, &'static str); 9] = [
        (HostKey::Show, Key::F1, "F1"),
        (HostKey::Open, Key::F2, "F2"),
        (HostKey::Right, Key::F3, "F3"),
        (HostKey::Wrong, Key::F4, "F4"),
        (HostKey::Reveal, Key::F5, "F5"),
        (HostKey::Void, Key::F6, "F6"),
        (HostKey::Reopen, Key::F7, "F7"),
        (HostKey::Next, Key::F8, "F8"),
        (HostKey::Pause, Key::F9, "F9"),
    ];

    /// Keys pressed this frame, consumed.
    pub fn pressed(ctx: &egui::Context) -> Vec<HostKey> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        let mut pressed = Vec::new();
        ctx.input_mut(|input| {
            for (host_key, key, _) in HostKey::ALL {
                if input.consume_key(Modifiers::NONE, key) {
                    pressed.push(host_key);
                }
            }
            if input.consume_key(Modifiers::COMMAND, Key::Z) {
                pressed.push(HostKey::Undo);
            }
        });
        pressed
    }
}

/// Keys pressed (not repeats) this frame, by name, for the buzzers; none while a text field has
/// focus. The keys are consumed so no widget acts on them.
pub fn buzzer_presses(ctx: &egui::Context) -> Vec<&'static str> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    ctx.input_mut(|input| {
        let mut names = Vec::new();
        input.events.retain(|event| match event {
            egui::Event::Key {
                key,
                pressed: true,
                repeat: false,
                modifiers,
                ..
            } if modifiers.is_none()
                && !matches!(key, Key::Escape | Key::F11)
                && !HostKey::ALL.iter().any(|(_, k, _)| k == key) =>
            {
                names.push(key.name());
                false
            }
            _ => true,
        });
        names
    })
}
