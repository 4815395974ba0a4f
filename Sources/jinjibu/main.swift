print("jinjibu")
