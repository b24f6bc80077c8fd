# Homebrew cask for Switchboard. This file is a template: the release workflow fills the
# double-braced placeholders with `node scripts/homebrew-cask.ts` (version, repository and the sha256 of each
# architecture's .dmg) and attaches the result to the GitHub release. Copy it into a tap
# (`Casks/switchboard.rb` in a repository named `homebrew-<tap>`) to offer `brew install --cask`.
cask "switchboard" do
  arch arm: "arm64", intel: "x64"

  version "{{version}}"
  sha256 arm:   "{{sha256_arm64}}",
         intel: "{{sha256_x64}}"

  url "https://github.com/{{repository}}/releases/download/v#{version}/Switchboard-#{version}-#{arch}.dmg"
  name "Switchboard"
  desc "Menu-bar hub for Claude Code channels: Telegram, Discord, iMessage and a web chat"
  homepage "https://github.com/{{repository}}"

  # The app updates itself (electron-updater); Homebrew must not fight it.
  auto_updates true
  depends_on macos: ">= :monterey"

  app "Switchboard.app"

  uninstall quit: "dev.switchboard.app"

  zap trash: [
    "~/Library/Application Support/Switchboard",
    "~/Library/Logs/Switchboard",
    "~/Library/Preferences/dev.switchboard.app.plist",
  ]
end
