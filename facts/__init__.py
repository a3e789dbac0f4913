"""Facts both runtimes read (the bot's Python 3.10 and the api's 3.11): pure data, no dependency, no import.

The bot image and the api image both copy this folder; nothing in it may import bot/, api/, rules/ or a library.
"""
