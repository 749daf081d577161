//! Plays the contest's sound cues where the build has sound (cargo feature `sound`) and the
//! machine has an audio device. Without either, the cues are still noted — the console shows the
//! last one — and nothing else happens.

use crate::contest::cues::Cue;

/// Cues remembered for the console's indicator and for tests.
const REMEMBERED: usize = 16;

/// Whether sound can be heard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SoundStatus {
    /// This build has no sound (built without the `sound` feature).
    NotBuilt,
    /// No cue played yet: the device opens on the first one.
    NotOpened,
    /// Playing through the default output device.
    Ready,
    /// The device could not be opened; the reason.
    NoDevice(String),
}

impl SoundStatus {
    /// A sentence for the settings page.
    pub fn describe(&self) -> String {
        match self {
            SoundStatus::NotBuilt => "本版本未包含声音（构建时加上 --features sound 即可）。".to_string(),
            SoundStatus::NotOpened => "首次播放时打开声音设备。".to_string(),
            SoundStatus::Ready => "声音设备正常。".to_string(),
            SoundStatus::NoDevice(reason) => format!("无法打开声音设备：{reason}"),
        }
    }
}

/// The app's sound output.
pub struct SoundPlayer {
    /// Cues asked for, newest last.
    recent: Vec<Cue>,
    output: Output,
}

impl Default for SoundPlayer {
    fn default() -> Self {
        SoundPlayer {
            recent: Vec::new(),
            output: Output::new(),
        }
    }
}

impl SoundPlayer {
    /// A player that never touches an audio device (tests, and machines that asked for quiet).
    pub fn silent() -> SoundPlayer {
        SoundPlayer {
            recent: Vec::new(),
            output: Output::Silent,
        }
    }

    /// Plays a cue when `audible`; notes it either way.
    pub fn play(&mut self, cue: Cue, audible: bool) {
        if self.recent.len() == REMEMBERED {
            self.recent.remove(0);
        }
        self.recent.push(cue);
        if audible {
            self.output.play(cue);
        }
    }

    /// The cues asked for lately, oldest first.
    pub fn recent(&self) -> &[Cue] {
        &self.recent
    }

    /// Whether sound can be heard.
    pub fn status(&self) -> SoundStatus {
        self.output.status()
    }
}

#[cfg(feature = "sound")]
enum Output {
    Silent,
    Closed,
    Open(rodio::OutputStream),
    Failed(String),
}

#[cfg(feature = "sound")]
impl Output {
    fn new() -> Output {
        Output::Closed
    }

    fn play(&mut self, cue: Cue) {
        if let Output::Closed = self {
            *self = match rodio::OutputStreamBuilder::open_default_stream() {
                Ok(mut stream) => {
                    stream.log_on_drop(false);
                    Output::Open(stream)
                }
                Err(err) => Output::Failed(err.to_string()),
            };
        }
        if let Output::Open(stream) = self {
            const RATE: u32 = 44_100;
            let samples = cue.samples(RATE);
            stream
                .mixer()
                .add(rodio::buffer::SamplesBuffer::new(1, RATE, samples));
        }
    }

    fn status(&self) -> SoundStatus {
        match self {
            Output::Silent | Output::Closed => SoundStatus::NotOpened,
            Output::Open(_) => SoundStatus::Ready,
            Output::Failed(reason) => SoundStatus::NoDevice(reason.clone()),
        }
    }
}

#[cfg(not(feature = "sound"))]
enum Output {
    Silent,
}

#[cfg(not(feature = "sound"))]
impl Output {
    fn new() -> Output {
        Output::Silent
    }

    fn play(&mut self, _cue: Cue) {}

    fn status(&self) -> SoundStatus {
        SoundStatus::NotBuilt
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_the_latest_cues_even_when_silent() {
        let mut player = SoundPlayer::silent();
        for _ in 0..REMEMBERED {
            player.play(Cue::Tick, false);
        }
        player.play(Cue::Buzz, true);
        assert_eq!(player.recent().len(), REMEMBERED);
        assert_eq!(player.recent().last(), Some(&Cue::Buzz));
    }
}
