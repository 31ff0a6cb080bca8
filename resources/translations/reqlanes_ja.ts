<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>reqlanes::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation>システムの設定に従う（%1）</translation>
    </message>
    <message>
        <source>%1 will be used from the next start of reqlanes.</source>
        <translation>reqlanes の次回起動時から%1で表示します。</translation>
    </message>
</context>
</TS>
